import { createHash } from 'node:crypto';
import { statementDigest } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { type DialectOptions, detectDialect, dialectFor } from './index';
import { hasPerformanceSchemaProcesslist } from './mysql';
import { systemThreadReason } from './protection';
import { completeDigests, digestPending, previewOf, processRowToSession } from './rows';

// MySQL and MariaDB factories read nothing from the server.
const options: DialectOptions = {
  scope: { kind: 'tenant' },
  read: () => Promise.reject(new Error('no read expected')),
};

const row = {
  id: '18446744073709551615',
  user: 'app',
  host: '10.0.0.7:4100',
  db: 'orders',
  command: 'Query',
  time_seconds: '12.345000',
  state: 'Sending data',
  info_head: 'SELECT 1',
  info_length: '8',
};

describe("a statement's digest", () => {
  const head = (sql: string) => ({ ...row, info_head: sql.slice(0, 257), info_length: String(sql.length) });
  const digestOf = (fields: Record<string, unknown>) =>
    processRowToSession({ ...row, ...fields }, { address: 'a' }).sqlDigest;
  const columns = `SELECT ${Array.from({ length: 40 }, (_, i) => `column_${i}`).join(', ')} FROM orders`;

  it('is taken once per row, over the whole statement: other literals group, another tail does not', () => {
    const one = `${columns} WHERE id = 1`;
    const two = `${columns} WHERE id = 2`;
    const other = `${columns} WHERE customer = 'x' AND id = 1`;
    expect(one.length).toBeGreaterThan(257);
    const digest = (sql: string) => digestOf({ ...head(sql), info_long: sql });
    expect(digest(one)).toMatch(/^[0-9a-f]{16}$/);
    expect(digest(two)).toBe(digest(one));
    expect(digest(other)).not.toBe(digest(one));
    // Without the whole text (the head alone) the two statements could not be told apart.
    expect(digestOf(head(other))).toBe(digestOf(head(one)));
  });

  it('is null for a session running nothing', () => {
    expect(digestOf({ info_head: null, info_length: null })).toBeNull();
  });

  it("is the previous read's for the same session running the same whole statement, and taken again otherwise", () => {
    const first = processRowToSession(row, { address: 'a' });
    // A digest no text has: only the previous read's session can have given it.
    const previousAt = (key: string, session = first) =>
      new Map([[key, { ...session, sqlDigest: 'feedfacecafebeef' }]]);
    const again = (fields: Record<string, unknown>, key = first.key) =>
      processRowToSession({ ...row, ...fields }, { address: 'a', previous: previousAt(key) }).sqlDigest;
    expect(again({})).toBe('feedfacecafebeef');
    // Another statement, or another session under another key: digested.
    expect(again({ info_head: 'SELECT 2', info_length: '8' })).toBe(first.sqlDigest);
    expect(again({}, 'a#1')).toBe(first.sqlDigest);
    // A statement longer than its head: the head alone does not say it is the same.
    const long = { ...row, ...head(`${columns} WHERE id = 1`), info_long: `${columns} WHERE id = 1` };
    const cut = processRowToSession(long, { address: 'a' });
    expect(processRowToSession(long, { address: 'a', previous: previousAt(cut.key, cut) }).sqlDigest).toBe(
      cut.sqlDigest,
    );
  });
});

describe("a long statement's digest, by the hash of its whole text", () => {
  const columns = `SELECT ${Array.from({ length: 40 }, (_, i) => `hashed_${i}`).join(', ')} FROM orders`;
  const listed = (id: string, sql: string, hash = createHash('md5').update(sql).digest('hex')) => ({
    ...row,
    id,
    info_head: sql.slice(0, 257),
    info_length: String(sql.length),
    info_hash: hash,
  });
  const whole = (id: string, sql: string) => ({
    id,
    info_length: String(sql.length),
    info_hash: createHash('md5').update(sql).digest('hex'),
    info_long: sql,
  });

  it('is read whole once, then found by its hash; a changed or gone statement, and a failed read, still get one', async () => {
    const one = `${columns} WHERE id = 1`;
    const first = listed('1', one);
    const session = processRowToSession(first, { address: 'a' });
    expect(session.sqlDigest).toBeNull();
    expect(digestPending(first)).toBe(true);
    const asked: string[][] = [];
    await completeDigests([session], async (ids) => {
      asked.push(ids);
      return [whole('1', one)];
    });
    expect(asked).toEqual([['1']]);
    expect(session.sqlDigest).toBe(statementDigest(one)?.digest);
    // The next read: the hash is known, nothing more to read.
    expect(digestPending(listed('9', one))).toBe(false);
    expect(processRowToSession(listed('9', one), { address: 'a' }).sqlDigest).toBe(session.sqlDigest);

    const two = `${columns} WHERE customer = 'x'`;
    const changed = processRowToSession(listed('2', two), { address: 'a' });
    const gone = processRowToSession(listed('3', `${columns} WHERE z = 3`), { address: 'a' });
    await completeDigests([changed, gone], async () => [whole('2', `${columns} WHERE other = 2`)]);
    expect(changed.sqlDigest).toBe(statementDigest(`${columns} WHERE other = 2`)?.digest);
    expect(gone.sqlDigest).toBe(statementDigest(gone.sqlPreview ?? '')?.digest);
    const failed = processRowToSession(listed('4', `${columns} WHERE w = 4`), { address: 'a' });
    await completeDigests([failed], () => Promise.reject(new Error('lost')));
    expect(failed.sqlDigest).toBe(statementDigest(failed.sqlPreview ?? '')?.digest);
    // Past the head in bytes, not in characters: the head is the whole text.
    const short = `SELECT '${'é'.repeat(200)}' AS wide`;
    const wide = { ...listed('5', short), info_length: String(short.length) };
    expect(digestPending(wide)).toBe(false);
    expect(processRowToSession(wide, { address: 'a' }).sqlDigest).toBe(statementDigest(short)?.digest);
    // A row that brings its whole text (kill's fresh read) is digested over it at once.
    expect(digestPending({ ...first, info_long: one })).toBe(false);
  });
});

describe('a processlist row as a Session', () => {
  it('maps every field, keeping the 64-bit id exact', () => {
    const mapped = processRowToSession(row, { address: 'db:3306' });
    expect(mapped).toMatchObject({
      key: 'db:3306#18446744073709551615',
      id: '18446744073709551615',
      user: 'app',
      source: '10.0.0.7:4100',
      database: 'orders',
      command: 'Query',
      timeSeconds: 12.345,
      status: 'ACTIVE',
      state: 'Sending data',
      sqlPreview: 'SELECT 1',
      sqlTruncated: false,
      observer: 'db:3306',
    });
    // OceanBase's own fields stay empty for MySQL and MariaDB, and nothing is protected yet.
    const { obproxy, proxySessionId, traceId, sqlId, transactionState, otherObservers, protectedReason } =
      mapped;
    expect([
      obproxy,
      proxySessionId,
      traceId,
      sqlId,
      transactionState,
      protectedReason,
      mapped.protected,
    ]).toEqual([...Array(6).fill(null), false]);
    expect(otherObservers).toEqual([]);
  });

  it('tells SLEEP and KILLED, and an empty state as null', () => {
    const idle = processRowToSession(
      { ...row, command: 'Sleep', state: '', info_head: null, info_length: null },
      { address: 'a' },
    );
    expect(idle).toMatchObject({ status: 'SLEEP', state: null, sqlPreview: null, sqlTruncated: false });
    expect(processRowToSession({ ...row, command: 'Killed' }, { address: 'a' }).status).toBe('KILLED');
  });

  it('cuts the preview to 256 characters and says so', () => {
    const long = 'x'.repeat(257);
    const mapped = processRowToSession({ ...row, info_head: long, info_length: 10_000 }, { address: 'a' });
    expect(mapped.sqlPreview).toHaveLength(256);
    expect(mapped.sqlTruncated).toBe(true);
    const exact = processRowToSession(
      { ...row, info_head: 'y'.repeat(256), info_length: 256 },
      { address: 'a' },
    );
    expect(exact.sqlTruncated).toBe(false);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(255)}😀tail`;
    expect(previewOf(text)).toBe('a'.repeat(255));
  });
});

describe('dialects', () => {
  it('are detected from VERSION()', () => {
    expect(detectDialect('10.11.19-MariaDB-0+deb12u1')).toBe('mariadb');
    expect(detectDialect('8.0.36')).toBe('mysql');
    expect(detectDialect('5.7.25-OceanBase-v4.2.1.0')).toBe('oceanbase');
    expect(detectDialect('5.7.25-OceanBase_CE-v4.3.5.0')).toBe('oceanbase');
  });

  it('are made by their factory, the configured one trusted', async () => {
    expect((await dialectFor('8.0.36', undefined, options)).name).toBe('mysql');
    expect((await dialectFor('8.0.36', 'mariadb', options)).name).toBe('mariadb');
  });

  it('read MySQL from performance_schema from 8.0.22 on, when it collects', async () => {
    expect(hasPerformanceSchemaProcesslist('8.0.21')).toBe(false);
    expect(hasPerformanceSchemaProcesslist('8.0.22')).toBe(true);
    expect(hasPerformanceSchemaProcesslist('8.4.0')).toBe(true);
    expect(hasPerformanceSchemaProcesslist('5.7.44-log')).toBe(false);
    const answering = (ps: number): DialectOptions => ({
      ...options,
      read: async ({ sql }) => {
        expect(sql).toBe('SELECT @@GLOBAL.performance_schema AS ps');
        return [{ ps }] as never;
      },
    });
    expect((await dialectFor('8.0.36', undefined, answering(1))).listSessions(500).sql).toMatch(
      /^SELECT \/\*\+ MAX_EXECUTION_TIME\(500\) \*\/ .* FROM performance_schema\.processlist$/,
    );
    // performance_schema=OFF leaves its processlist empty; a failed look reads information_schema too.
    expect((await dialectFor('8.0.36', undefined, answering(0))).listSessions(500).sql).toMatch(
      /FROM information_schema\.PROCESSLIST$/,
    );
    expect((await dialectFor('8.0.36', undefined, options)).listSessions(500).sql).toMatch(
      /FROM information_schema\.PROCESSLIST$/,
    );
    expect((await dialectFor('5.7.44', undefined, options)).listSessions(500).sql).toMatch(
      /FROM information_schema\.PROCESSLIST$/,
    );
  });

  it('bind ids as parameters, never in the SQL text', async () => {
    for (const version of ['10.11.2-MariaDB', '8.0.36']) {
      const dialect = await dialectFor(version, undefined, options);
      const byIds = dialect.sessionsByIds(['1', '18446744073709551615'], 1000);
      expect(byIds.values).toEqual(['1', '18446744073709551615']);
      expect(byIds.sql).not.toContain('18446744073709551615');
      expect(dialect.killStatement('session', '7')).toEqual({
        sql: 'KILL ?',
        values: ['7'],
        protocol: 'prepared',
      });
      expect(dialect.killStatement('query', '7')).toEqual({
        sql: 'KILL QUERY ?',
        values: ['7'],
        protocol: 'prepared',
      });
    }
  });

  it.each([
    [{ user: 'system user', command: 'Slave_SQL' }, /system thread/],
    [{ user: 'event_scheduler', command: 'Daemon' }, /event scheduler/],
    [{ user: 'repl', command: 'Binlog Dump GTID' }, /replication/],
    [{ user: 'x', command: 'Slave_IO' }, /replication/],
    [{ user: 'x', command: 'Daemon' }, /background/],
  ])('protect system and replication threads: %j', (fields, reason) => {
    expect(systemThreadReason(processRowToSession({ ...row, ...fields }, { address: 'a' }))).toMatch(reason);
  });

  it('leave ordinary sessions unprotected', () => {
    expect(systemThreadReason(processRowToSession(row, { address: 'a' }))).toBeNull();
  });
});
