import { randomBytes } from 'node:crypto';
import {
  type ListInput,
  type SessionGroup,
  type SessionStats,
  statementDigest,
} from '@tenant-sessions/contracts';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  connect,
  createAccount,
  createDatabase,
  type Database,
  openVictim,
  type Victim,
  waitFor,
  waitUntilRunning,
} from '../support/db';
import { refused, unchecked } from '../support/refusal';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { main, refOf, url } from '../support/testServer';

// Real sessions of two accounts in two databases, running one statement with other literals and
// another statement: the statistics count them, and each count's drill-down lists exactly them.
let admin: Connection;
let sidecar: TestSidecar;
let alice: Account;
let bob: Account;
/** Everything a sidecar account needs but PROCESS: its own sessions only, and no lock tables. */
let blind: Account;
let shop: Database;
let logs: Database;
const victims: Victim[] = [];
const running: Array<Promise<unknown>> = [];
const TAG = randomBytes(3).toString('hex');

/** A statement that sleeps `seconds`, with a literal of its own: the same statement for the digest. */
const sleeping = (literal: number, seconds = 30) => `SELECT ${literal} FROM DUAL WHERE SLEEP(${seconds})`;

const stats = (activeOnly = false): Promise<SessionStats> =>
  sidecar.api.sessions.stats.query({ ...main, activeOnly });
const mineOf = (groups: SessionGroup[], values: Array<string | null>) =>
  groups.filter((g) => values.includes(g.value));
const list = (input: Partial<ListInput>) =>
  sidecar.api.sessions.list.query({ ...main, pageSize: 1000, ...input });

beforeAll(async () => {
  admin = await connect(url);
  shop = await createDatabase(admin, 'shop');
  logs = await createDatabase(admin, 'logs');
  alice = await createAccount(admin, `s${TAG}a`, [`ALL ON \`${shop.name}\`.*`, `ALL ON \`${logs.name}\`.*`]);
  bob = await createAccount(admin, `s${TAG}b`, [`ALL ON \`${shop.name}\`.*`]);
  // alice: two in shop running the same statement (other literals), one idle in logs;
  // bob: one in shop running another statement, one idle without a database.
  const open = async (account: Account, database?: string) => {
    const victim = await openVictim(url, account, database);
    victims.push(victim);
    return victim;
  };
  const a1 = await open(alice, shop.name);
  const a2 = await open(alice, shop.name);
  await open(alice, logs.name);
  const b1 = await open(bob, shop.name);
  await open(bob);
  running.push(a1.busy(sleeping(1)), a2.busy(sleeping(2)), b1.busy('SELECT SLEEP(30) AS other'));
  for (const v of [a1, a2, b1]) await waitUntilRunning(admin, v.id);
  blind = await createAccount(admin, `s${TAG}n`, ['CONNECTION ADMIN ON *.*']);
  sidecar = await startSidecar([tenantOn(url, 'main'), tenantOn(url, 'nolocks', { account: blind })]);
});

afterAll(async () => {
  await sidecar?.stop();
  for (const victim of victims) await victim.close();
  await alice?.drop();
  await bob?.drop();
  await blind?.drop();
  await shop?.drop();
  await logs?.drop();
  await admin?.end();
});

describe('sessions.stats against a real MariaDB', () => {
  it('counts sessions by user, source, database and statement, ACTIVE ones apart', async () => {
    const all = await stats();
    expect(all.dialect).toBe('mariadb');
    expect(
      mineOf(all.byUser, [alice.user, bob.user]).map(({ value, total, active }) => ({
        value,
        total,
        active,
      })),
    ).toEqual(
      expect.arrayContaining([
        { value: alice.user, total: 3, active: 2 },
        { value: bob.user, total: 2, active: 1 },
      ]),
    );
    const byDb = Object.fromEntries(mineOf(all.byDatabase, [shop.name, logs.name]).map((g) => [g.value, g]));
    expect(byDb[shop.name]).toMatchObject({ total: 3, active: 3 });
    expect(byDb[logs.name]).toMatchObject({ total: 1, active: 0, maxActiveSeconds: null });
    // Sources are the client's host without its port: every victim is 127.0.0.1 (or localhost).
    expect(all.bySource.every((g) => g.value === null || !/:\d+$/.test(g.value))).toBe(true);
    expect(all.counts.all).toBeGreaterThanOrEqual(5);
  });

  it('groups one statement with other literals as one SQL row, the normalised text as its sample', async () => {
    const all = await stats(true);
    const same = all.bySql.filter((g) => g.sample?.includes('SLEEP') && g.sample.includes('DUAL'));
    const ours = same.find((g) => g.active >= 2);
    expect(ours, JSON.stringify(all.bySql)).toBeDefined();
    expect(ours?.value).toMatch(/^[0-9a-f]{16}$/);
    expect(ours?.sample).toContain('?');
    expect(ours?.sample).not.toMatch(/SELECT [12] /);
    const drill = await list({ group: { by: 'sql', value: ours?.value ?? '' }, activeOnly: true });
    expect(drill.total).toBe(ours?.total);
  });

  it('takes the longest active time over ACTIVE sessions only', async () => {
    const all = await stats();
    const { rows } = await list({ activeOnly: true });
    const longest = Math.max(...rows.map((r) => r.timeSeconds));
    expect(all.longestActiveSeconds).not.toBeNull();
    // The list is read a moment after: its times may have advanced a little.
    expect(Math.abs((all.longestActiveSeconds ?? 0) - longest)).toBeLessThan(2);
    const sleeping = (await list({})).rows.filter((r) => r.status !== 'ACTIVE');
    expect(sleeping.length).toBeGreaterThan(0);
  });

  it('drills down from every row of every kind to exactly the sessions it counted', async () => {
    // One snapshot for the statistics and every drill-down (other tests share the server: two
    // reads may see other sessions), which is the promise: the same snapshot, the same counts.
    const fresh = await startSidecar([tenantOn(url, 'main')], { snapshotFreshMs: 60_000 });
    try {
      const all = await fresh.api.sessions.stats.query({ ...main });
      const kinds = [
        ['user', all.byUser],
        ['source', all.bySource],
        ['database', all.byDatabase],
        ['sql', all.bySql],
      ] as const;
      for (const [by, groups] of kinds)
        for (const group of groups) {
          const drill = await fresh.api.sessions.list.query({
            ...main,
            pageSize: 1000,
            group: { by, value: group.value },
          });
          expect(drill.capturedAt).toBe(all.capturedAt);
          expect(drill.total, `${by} = ${group.value}`).toBe(group.total);
        }
    } finally {
      await fresh.stop();
    }
    const alices = await list({ group: { by: 'user', value: alice.user } });
    expect(alices.rows.every((r) => r.user === alice.user)).toBe(true);
    expect(alices.total).toBe(3);
    const noDb = await list({ group: { by: 'database', value: null }, user: bob.user });
    expect(noDb.total).toBe(1);
  });

  it('searches by session ID digits, SQL text and SQL ID', async () => {
    const [a1] = victims;
    const byId = await list({ sessionId: a1?.id });
    expect(byId.rows.map((r) => r.id)).toContain(a1?.id);
    expect(byId.rows.every((r) => r.id.includes(a1?.id ?? ''))).toBe(true);
    const bySql = await list({ sql: 'sleep(30) as OTHER' });
    expect(bySql.rows.map((r) => r.user)).toEqual([bob.user]);
    const digest = (await list({ user: alice.user, activeOnly: true })).rows[0]?.sqlDigest;
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    const bySqlId = await list({ sqlId: digest?.toUpperCase() ?? '' });
    expect(bySqlId.rows.filter((r) => r.user === alice.user)).toHaveLength(2);
  });

  it('digests a long statement over its whole text, read once: the next reads find it by its hash', async () => {
    // Past the 257 characters of the head: a literal (the same statement) and a column (another).
    const columns = Array.from({ length: 30 }, (_, i) => `${i} AS long_${TAG}_${i}`).join(', ');
    const long = (literal: number, tail: string) =>
      `SELECT ${columns}, ${tail} AS t FROM DUAL WHERE SLEEP(${literal + 30})`;
    const statements = [long(1, 'DATABASE()'), long(2, 'DATABASE()'), long(3, 'CURRENT_USER()')];
    expect(statements.every((sql) => sql.length > 300)).toBe(true);
    const ours = await Promise.all(statements.map(() => openVictim(url, alice, shop.name)));
    victims.push(...ours);
    for (const [i, sql] of statements.entries()) running.push(ours[i]?.busy(sql) ?? Promise.resolve());
    for (const v of ours) await waitUntilRunning(admin, v.id);
    const digestsOf = async () => {
      const { rows } = await list({ sql: `long_${TAG}_0` });
      return ours.map((v) => rows.find((r) => r.id === v.id)?.sqlDigest);
    };
    const [x1, x2, y] = await digestsOf();
    expect(x1).toBe(statementDigest(statements[0] ?? '')?.digest);
    expect(x2).toBe(x1);
    expect(y).toBe(statementDigest(statements[2] ?? '')?.digest);
    expect(y).not.toBe(x1);
    // The next list reads again (the test sidecar keeps no snapshot): the same digests, by the hash.
    expect(await digestsOf()).toEqual([x1, x2, y]);
    for (const v of ours) await admin.query('KILL QUERY ?', [Number(v.id)]);
  });

  it('answers INVALID_INPUT for a bad group or by, naming the field', async () => {
    await refused(list(unchecked({ group: { by: 'host', value: 'x' } })), 400, 'INVALID_INPUT', /group/);
    await refused(list(unchecked({ group: { value: 'x' } })), 400, 'INVALID_INPUT', /group/);
    await refused(list(unchecked({ sessionId: '12a' })), 400, 'INVALID_INPUT', /sessionId/);
    await refused(sidecar.api.sessions.stats.query(unchecked({ ...main, by: 'user' })), 400, 'INVALID_INPUT');
  });

  it('reads no processlist of its own: a list and the stats share one snapshot', async () => {
    const fresh = await startSidecar([tenantOn(url, 'main')], { snapshotFreshMs: 60_000 });
    try {
      const page = await fresh.api.sessions.list.query({ ...main });
      const counted = await fresh.api.sessions.stats.query({ ...main });
      expect(counted.capturedAt).toBe(page.capturedAt);
      expect(counted.counts).toEqual(page.counts);
    } finally {
      await fresh.stop();
    }
  });

  it('counts the sessions waiting on a lock and names the sleeping holder among the top blockers', async () => {
    // A's open transaction holds a row of a table of its own; B and C wait for it (C behind B).
    await admin.query(`CREATE TABLE \`${shop.name}\`.rows_${TAG} (id INT PRIMARY KEY, v INT) ENGINE=InnoDB`);
    await admin.query(`INSERT INTO \`${shop.name}\`.rows_${TAG} VALUES (1, 0)`);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => openVictim(url, alice, shop.name)));
    const locked = [a, b, c] as Victim[];
    try {
      for (const v of locked) await v.connection.query('SET SESSION innodb_lock_wait_timeout = 60');
      await a?.connection.query('BEGIN');
      await a?.connection.query(`UPDATE rows_${TAG} SET v = 1 WHERE id = 1`);
      const update = (v: number) => `UPDATE rows_${TAG} SET v = ${v} WHERE id = 1`;
      const waits = [b?.busy(update(2)), c?.busy(update(3))];
      // Polled every 150 ms: InnoDB refreshes what INNODB_TRX shows only when not read for 100 ms.
      await waitFor(
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          const [rows] = await admin.query<RowDataPacket[]>(
            `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id IN (?)`,
            [[b?.id, c?.id]],
          );
          return Number(rows[0]?.n) === 2;
        },
        'B and C to wait for the lock',
        10_000,
      );
      for (const activeOnly of [false, true]) {
        const counted = await stats(activeOnly);
        expect(counted.locks).toEqual({ available: true, reason: null });
        // Other files share the server: their waits may count too, ours do.
        expect(counted.waiting).toBeGreaterThanOrEqual(2);
        const holder = counted.topBlockers.find((x) => x.id === a?.id);
        expect(holder, JSON.stringify(counted.topBlockers)).toMatchObject({ user: alice.user, blocking: 2 });
        expect(holder?.transactionSeconds).not.toBeNull();
        expect(counted.topBlockers.length).toBeLessThanOrEqual(10);
        const order = counted.topBlockers.map((x) => x.blocking);
        expect(order).toEqual([...order].sort((x, y) => y - x));
      }
      // The holder sleeps: View Active Sessions Only lists it not, and it is a top blocker all the same.
      const activeRows = (await list({ activeOnly: true, user: alice.user })).rows;
      expect(activeRows.map((r) => r.id)).not.toContain(a?.id);
      expect(activeRows.map((r) => r.id)).toEqual(expect.arrayContaining([b?.id, c?.id]));
      await Promise.all(locked.map((v) => v.close()));
      await Promise.all(waits);
    } finally {
      for (const v of locked) await v.close();
    }
  });

  it('says the lock waits are not available, not 0, where the account may not read the locks', async () => {
    const counted = await sidecar.api.sessions.stats.query({ ...refOf('nolocks') });
    expect(counted.locks?.available).toBe(false);
    expect(counted.locks?.reason).toMatch(/PROCESS/);
    expect(counted.waiting).toBe(0);
    expect(counted.topBlockers).toEqual([]);
  });
});
