import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mariadbDialect } from './mariadb';

// The dialect's SQL, run as written against the test server.
const url = inject('mysqlUrl');
const dialect = mariadbDialect();
let reader: Connection;
let victim: Connection;

beforeAll(async () => {
  const options = { uri: url, supportBigNumbers: true, bigNumberStrings: true };
  reader = await mysql.createConnection(options);
  victim = await mysql.createConnection({ ...options, database: 'mysql' });
});
afterAll(async () => {
  await victim?.end();
  await reader?.end();
});

const read = async ({ sql, values }: { sql: string; values: string[] }) =>
  (await reader.query<RowDataPacket[]>(sql, values))[0];

describe('the mariadb dialect on a real server', () => {
  it('lists every session, mapped, the victim with its database', async () => {
    const rows = await read(dialect.listSessions(5000));
    const sessions = rows.map((r) => dialect.toSession(r, { address: 'here:1' }));
    const mine = sessions.find((s) => s.id === String(victim.threadId));
    expect(mine).toMatchObject({
      key: `here:1#${victim.threadId}`,
      database: 'mysql',
      command: 'Sleep',
      status: 'SLEEP',
    });
    const self = sessions.find((s) => s.id === String(reader.threadId));
    expect(self?.status).toBe('ACTIVE');
    expect(self?.timeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reads sessions by id, 64-bit ids included, without confusing them', async () => {
    const rows = await read(dialect.sessionsByIds([String(victim.threadId), '18446744073709551615'], 5000));
    expect(rows.map((r) => r.id)).toEqual([String(victim.threadId)]);
    const none = await read(dialect.sessionsByIds(['9007199254740993'], 5000));
    expect(none).toEqual([]);
  });

  it('reads the SQL text of one session, and answers null for a key of another server', async () => {
    const statement = dialect.sqlText(
      { observer: 'here:1', id: String(reader.threadId) },
      { address: 'here:1' },
      5000,
    );
    const [row] = await read(statement ?? { sql: '', values: [] });
    expect(String(row?.sql)).toContain('information_schema.PROCESSLIST');
    expect(dialect.sqlText({ observer: 'elsewhere:1', id: '1' }, { address: 'here:1' }, 5000)).toBeNull();
  });

  it('knows whether the account has PROCESS', async () => {
    const [row] = await read({ sql: dialect.visibilitySql, values: [] });
    expect(Number(row?.sees_all)).toBe(1);
  });

  it('kills with the id bound: an unknown id answers errno 1094', async () => {
    await expect(
      reader.execute(dialect.killStatement('query', '18446744073709551615')),
    ).rejects.toMatchObject({
      errno: 1094,
    });
  });
});
