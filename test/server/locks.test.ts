import type { ListInput, Session, SessionPage } from '@tenant-sessions/contracts';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, createDatabase, type Database, waitFor } from '../support/db';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { keyOf, main, refOf, url } from '../support/testServer';

// Who blocks whom, with real InnoDB row locks on the test server: sessions of an account of this
// file update rows of a table of its own database, hold them in open transactions, and wait.
let admin: Connection;
let sidecar: TestSidecar;
let db: Database;
let app: Account;
let blind: Account;
const noLocks = refOf('nolocks');
const opened: Connection[] = [];

/** A connection of the app account that waits up to 60 s for a lock (longer than any test here). */
const session = async (): Promise<Connection> => {
  const connection = await connect(url, { user: app.user, password: app.password, database: db.name });
  connection.on('error', () => undefined);
  await connection.query('SET SESSION innodb_lock_wait_timeout = 60');
  opened.push(connection);
  return connection;
};
const idOf = (connection: Connection) => String(connection.threadId);

/** Starts a statement that will wait for a lock; resolves to its error, or null once it completed. */
const started = (connection: Connection, sql: string): Promise<(Error & { errno?: number }) | null> =>
  connection.query(sql).then(
    () => null,
    (error: Error) => error,
  );

/**
 * Waits until InnoDB shows each of these sessions waiting for a lock. Polled every 150 ms: InnoDB
 * refreshes what INNODB_TRX shows only when it was not read for 100 ms.
 */
const waiting = async (...connections: Connection[]): Promise<void> => {
  const ids = connections.map(idOf);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id IN (?)`,
      [ids],
    );
    if (Number(rows[0]?.n) === ids.length) return;
  }
  throw new Error(`sessions ${ids.join(', ')} did not come to wait for a lock within 10 s`);
};

const list = (input: Partial<ListInput> = {}, tenant = main): Promise<SessionPage> =>
  sidecar.api.sessions.list.query({ ...tenant, user: app.user, pageSize: 1000, ...input });
const rowOf = (page: SessionPage, connection: Connection): Session => {
  const found = page.rows.find((r) => r.id === idOf(connection));
  if (!found) throw new Error(`session ${idOf(connection)} is not listed`);
  return found;
};

beforeAll(async () => {
  admin = await connect(url);
  db = await createDatabase(admin, 'locks');
  await admin.query(`CREATE TABLE \`${db.name}\`.t (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB`);
  await admin.query(`INSERT INTO \`${db.name}\`.t VALUES (1, 0), (2, 0)`);
  app = await createAccount(admin, 'lockapp', [`SELECT, UPDATE ON \`${db.name}\`.*`]);
  // Everything a sidecar account needs but PROCESS: its own sessions only, and no lock tables.
  blind = await createAccount(admin, 'lockblind', ['CONNECTION ADMIN ON *.*']);
  sidecar = await startSidecar([tenantOn(url, 'main'), tenantOn(url, 'nolocks', { account: blind })]);
});

afterEach(async () => {
  for (const connection of opened.splice(0)) connection.destroy();
  await waitFor(async () => {
    const [rows] = await admin.query<RowDataPacket[]>(
      'SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?',
      [app.user],
    );
    return rows.length === 0;
  }, "the account's sessions to end");
  await admin.query(`DELETE FROM \`${db.name}\`.t`);
  await admin.query(`INSERT INTO \`${db.name}\`.t VALUES (1, 0), (2, 0)`);
});

afterAll(async () => {
  await sidecar?.stop();
  await app?.drop();
  await blind?.drop();
  await db?.drop();
  await admin?.end();
});

describe('sessions and locks on MariaDB', () => {
  it('shows the sleeping holder blocking two, its transaction age, and both waiters blocked by it', async () => {
    const a = await session();
    const b = await session();
    const c = await session();
    await a.query('BEGIN');
    await a.query('UPDATE t SET v = 1 WHERE id = 1');
    const bDone = started(b, 'UPDATE t SET v = 2 WHERE id = 1');
    await waiting(b);
    const cDone = started(c, 'UPDATE t SET v = 3 WHERE id = 1');
    await waiting(b, c);
    // INNODB_TRX counts whole seconds from the transaction's start.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const page = await list();
    expect(page.locks).toEqual({ available: true, reason: null });
    const [holder, first, second] = [rowOf(page, a), rowOf(page, b), rowOf(page, c)];
    expect(holder).toMatchObject({ status: 'SLEEP', blocking: 2, blockedBy: [] });
    expect(holder.transactionSeconds).toBeGreaterThanOrEqual(1);
    expect(first.blockedBy).toEqual([keyOf(idOf(a))]);
    // C waits behind A's lock and B's queued request: InnoDB names both, A among them.
    expect(second.blockedBy).toContain(keyOf(idOf(a)));
    expect(first.status).toBe('ACTIVE');
    expect(first.transactionSeconds).not.toBeNull();
    expect(second.blocking).toBe(0);
    // Blockers: only the holder (it blocks two; the waiters, B queued ahead of C, may block C).
    const blockers = await list({ blockers: true });
    expect(blockers.rows[0]?.key).toBe(holder.key);
    expect(blockers.rows.every((r) => (r.blocking ?? 0) > 0)).toBe(true);
    expect(blockers.rows.map((r) => r.id)).not.toContain(idOf(c));
    // Idle sessions without a transaction read as none.
    const idle = await session();
    expect(rowOf(await list(), idle)).toMatchObject({ transactionSeconds: null, blockedBy: [], blocking: 0 });

    // Closing the holder through the sidecar rolls its transaction back and releases both.
    const { results } = await sidecar.api.sessions.kill.mutate({ ...main, sessionKeys: [holder.key] });
    expect(results).toMatchObject([{ sessionKey: holder.key, outcome: 'killed' }]);
    expect(await bDone).toBeNull();
    expect(await cDone).toBeNull();
    const [[row]] = await admin.query<RowDataPacket[]>(`SELECT v FROM \`${db.name}\`.t WHERE id = 1`);
    expect([2, 3]).toContain(Number(row?.v));
    // InnoDB refreshes INNODB_TRX at most every 100 ms: the list just before may have read it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const after = await list();
    expect(after.rows.every((r) => r.blocking === 0 && r.blockedBy?.length === 0)).toBe(true);
  });

  it('counts a chain A -> B -> C as 2 for A and 1 for B', async () => {
    const a = await session();
    const b = await session();
    const c = await session();
    await a.query('BEGIN');
    await a.query('UPDATE t SET v = 1 WHERE id = 1');
    await b.query('BEGIN');
    await b.query('UPDATE t SET v = 1 WHERE id = 2');
    const bDone = started(b, 'UPDATE t SET v = 2 WHERE id = 1');
    await waiting(b);
    const cDone = started(c, 'UPDATE t SET v = 3 WHERE id = 2');
    await waiting(b, c);

    const page = await list();
    expect((await list({ blockers: true })).rows.map((r) => r.id)).toEqual([idOf(a), idOf(b)]);
    expect([rowOf(page, a), rowOf(page, b), rowOf(page, c)].map((s) => [s.blocking, s.blockedBy])).toEqual([
      [2, []],
      [1, [keyOf(idOf(a))]],
      [0, [keyOf(idOf(b))]],
    ]);
    await a.query('ROLLBACK');
    expect(await bDone).toBeNull();
    await b.query('COMMIT');
    expect(await cDone).toBeNull();
  });

  it('an account without PROCESS gets its list, with locks "not available" and why', async () => {
    const page = await list({}, noLocks);
    expect(page.visibility).toBe('own-sessions-only');
    expect(page.locks?.available).toBe(false);
    expect(page.locks?.reason).toMatch(/^This account may not read the lock tables: it needs PROCESS/);
    expect(page.locks?.reason).toMatch(/INNODB_TRX/);
    const own = await sidecar.api.sessions.list.query({ ...noLocks, pageSize: 1000 });
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.every((r) => r.transactionSeconds === null && r.blocking === 0)).toBe(true);
  });
});
