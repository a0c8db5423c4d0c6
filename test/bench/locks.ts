import type { Connection, RowDataPacket } from 'mysql2/promise';
import { OwnConnections } from '../../plugin-server/src/connections/own';
import { createLogger } from '../../plugin-server/src/logging/logger';
import { readSnapshot } from '../../plugin-server/src/snapshots/read';
import { TenantHandle } from '../../plugin-server/src/tenants/handle';
import { createDatabase, endpoint } from '../support/db';
import { type Account, closeAll, connect, createAccount, openCrowd } from './database';
import type { Figure } from './report';
import { inBatches, p50, p95, round, sleep, timed } from './stats';

const CONNECTIONS = 1000;
const HOLDERS = 100;
const WAITERS = 50;
const SAMPLES = 30;
const WARMUP = 5;

/** Polls (every 150 ms: InnoDB refreshes INNODB_TRX only when unread for 100 ms) until `count` sessions of `user` wait. */
const waitersSeen = async (admin: Connection, user: string, count: number): Promise<void> => {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    await sleep(150);
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.USER = ?`,
      [user],
    );
    if (Number(rows[0]?.n) >= count) return;
  }
  throw new Error(`bench: ${count} lock waits did not show within 30 s`);
};

type Found = { blockers: number; waiting: number; inTransaction: number; available: boolean };

/** readSnapshot without and with its lock read, alternated, 150 ms apart, on one handle. */
const measure = async (handle: TenantHandle) => {
  const without: number[] = [];
  const withLocks: number[] = [];
  let found: Found = { blockers: 0, waiting: 0, inTransaction: 0, available: false };
  const plain = () => timed(() => readSnapshot(handle, undefined, { locks: false }));
  const locked = async () => {
    let snapshot: Awaited<ReturnType<typeof readSnapshot>>['snapshot'] | undefined;
    const ms = await timed(async () => {
      snapshot = (await readSnapshot(handle, undefined)).snapshot;
    });
    const sessions = snapshot?.sessions ?? [];
    found = {
      blockers: sessions.filter((s) => (s.blocking ?? 0) > 0).length,
      waiting: sessions.filter((s) => (s.blockedBy?.length ?? 0) > 0).length,
      inTransaction: sessions.filter((s) => s.transactionSeconds !== null).length,
      available: snapshot?.locks?.available ?? false,
    };
    return ms;
  };
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    // Alternate which goes first, so neither always finds the other's warm caches.
    let a: number;
    let b: number;
    await sleep(150);
    if (i % 2 === 0) {
      a = await plain();
      await sleep(150);
      b = await locked();
    } else {
      b = await locked();
      await sleep(150);
      a = await plain();
    }
    if (i < WARMUP) continue;
    without.push(a);
    withLocks.push(b);
  }
  return { without, withLocks, found };
};

/**
 * The snapshot read with its lock read against the same read without it (readSnapshot's
 * `locks: false`, the processlist alone), in-process on one tenant handle, alternated call by call
 * and spaced 150 ms apart (so that every lock read finds InnoDB's INNODB_TRX view refreshed, as the
 * sidecar's reads at most once per freshness window do), at 1,000 connections of which 100 hold an
 * open transaction with a row lock and sleep, and 50 wait for one of those rows.
 */
export const locksOverhead = async (
  url: string,
  admin: Connection,
  crowdAccount: Account,
  side: Account,
): Promise<Figure[]> => {
  const db = await createDatabase(admin, 'benchlocks');
  const locker = await createAccount(admin, 'bench_locker', [`SELECT, UPDATE ON \`${db.name}\`.*`]);
  const held: Connection[] = [];
  const crowd: Connection[] = [];
  const { host, port } = endpoint(url);
  const handleWith = (poolSize: number) =>
    new TenantHandle(
      {
        clusterId: 'bench',
        clusterName: 'Bench',
        tenantId: `locks-${poolSize}`,
        tenantName: 'locks',
        connection: { host, port, user: side.user, password: side.password },
        dialect: undefined,
        scope: { kind: 'tenant' },
        poolSize,
        statementTimeoutMs: 10_000,
        connectTimeoutMs: 5000,
      },
      createLogger('silent'),
      new OwnConnections(),
    );
  // The default: the lock read on a second pooled connection, beside the processlist read; and a
  // pool of one (or a pool busy with other calls), where it follows on the same connection.
  const beside = handleWith(2);
  const after = handleWith(1);
  try {
    await admin.query(`CREATE TABLE \`${db.name}\`.t (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB`);
    const ids = Array.from({ length: HOLDERS }, (_, i) => i + 1);
    await admin.query(`INSERT INTO \`${db.name}\`.t VALUES ${ids.map((id) => `(${id}, 0)`).join(', ')}`);
    const open = () =>
      connect(url, { user: locker.user, password: locker.password, database: db.name }).then((c) => {
        c.on('error', () => undefined);
        held.push(c);
        return c;
      });
    await inBatches(ids, 25, async (id) => {
      const c = await open();
      await c.query('BEGIN');
      await c.query('UPDATE t SET v = v + 1 WHERE id = ?', [id]);
    });
    await inBatches(ids.slice(0, WAITERS), 25, async (id) => {
      const c = await open();
      await c.query('SET SESSION innodb_lock_wait_timeout = 3600');
      void c.query('UPDATE t SET v = v + 1 WHERE id = ?', [id]).catch(() => undefined);
    });
    await waitersSeen(admin, locker.user, WAITERS);
    const [[count]] = await admin.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST',
    );
    crowd.push(...(await openCrowd(url, crowdAccount, Math.max(0, CONNECTIONS - Number(count?.n)))));

    const section = `snapshot read with locks @ ${CONNECTIONS.toLocaleString('en-US')} connections (${HOLDERS} in transactions, ${WAITERS} waiting)`;
    const figures: Figure[] = [];
    for (const [handle, how, target] of [
      [beside, 'lock read beside (a spare pooled connection, the default)', true],
      [after, 'lock read after, same connection (a pool of one)', false],
    ] as const) {
      const { without, withLocks, found } = await measure(handle);
      if (!found.available || found.waiting < WAITERS || found.blockers < WAITERS)
        throw new Error(
          `bench: the lock read did not see the waits it was set up with: ${JSON.stringify(found)}`,
        );
      const ratio = p50(withLocks) / p50(without);
      process.stdout.write(`  locks, ${how}: ratio ${round(ratio)}\n`);
      figures.push(
        {
          section,
          name: `${how}: processlist alone / with locks p50`,
          value: `${round(p50(without))} / ${round(p50(withLocks))}`,
          unit: 'ms',
        },
        {
          section,
          name: `${how}: ratio of p50s`,
          value: round(ratio),
          unit: '×',
          ...(target ? { target: { max: 1.3, text: '≤ 1.3' } } : {}),
          note: `p95s ${round(p95(without))} / ${round(p95(withLocks))} ms; found ${found.inTransaction} sessions in transactions, ${found.waiting} waiting, ${found.blockers} blocking`,
        },
      );
    }
    return figures;
  } finally {
    await beside.close();
    await after.close();
    closeAll(crowd);
    closeAll(held);
    await locker.drop().catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
};
