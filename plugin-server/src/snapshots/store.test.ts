import { randomBytes } from 'node:crypto';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localTenant } from '../config/load';
import { OwnConnections } from '../connections/own';
import { createMetrics, type Metrics } from '../metrics/metrics';
import { TenantHandle } from '../tenants/handle';
import { SnapshotStore } from './store';

/** The value of one series of a counter or gauge (0 when it has none yet); for tests and the bench. */
const seriesValue = async (
  metrics: Metrics,
  name: string,
  labels: Record<string, string>,
): Promise<number> => {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  return values
    .filter((v) => wanted.every(([key, value]) => String(v.labels[key]) === value))
    .reduce((sum, v) => sum + v.value, 0);
};

// A real server and a real pool. The reads are counted twice: by the sidecar's metric, and by the
// server itself (USER_STATISTICS of an account only this file uses; a pool's counters are final
// once its connections end, hence the close after each phase).
const url = inject('mysqlUrl');
const log = pino({ level: 'silent' });
const user = `ts_coalesce_${randomBytes(3).toString('hex')}`;
const password = `pw-${randomBytes(4).toString('hex')}`;
let admin: Connection;
let userstatWas = 0;
const handles: TenantHandle[] = [];

const handleFor = (tenantId: string, port?: number): TenantHandle => {
  const base = localTenant(url);
  const handle = new TenantHandle(
    {
      ...base,
      tenantId,
      connection: { ...base.connection, user, password, ...(port ? { port } : {}) },
      connectTimeoutMs: 1000,
    },
    log,
    new OwnConnections(),
  );
  handles.push(handle);
  return handle;
};

const setup = (tenantId: string, freshMs: number, port?: number) => {
  const handle = handleFor(tenantId, port);
  const metrics = createMetrics();
  const cache = new SnapshotStore({ freshMs, maxSessions: 100_000, metrics });
  const list = () => cache.get(handle);
  return { handle, metrics, cache, list };
};

const serverSelects = async (): Promise<number> => {
  const [rows] = await admin.query<RowDataPacket[]>(
    'SELECT SELECT_COMMANDS AS n FROM information_schema.USER_STATISTICS WHERE USER = ?',
    [user],
  );
  return Number(rows[0]?.n ?? 0);
};

/** The SELECTs of one snapshot read: the processlist and the lock read (snapshots/read.ts). */
const SELECTS_PER_READ = 2;

/** The snapshot reads the server counted for `work` on a new pool (its SELECTs, less the pool's own probe). */
const serverReadsOf = async (handle: TenantHandle, work: () => Promise<unknown>): Promise<number> => {
  const probe = async () => {
    const before = await serverSelects();
    await handle.withConnection(async () => undefined);
    await handle.close();
    return (await serverSelects()) - before;
  };
  const overhead = await probe();
  const before = await serverSelects();
  await work();
  await handle.close();
  return ((await serverSelects()) - before - overhead) / SELECTS_PER_READ;
};

const reads = (metrics: Metrics, tenant: string, outcome = 'ok') =>
  seriesValue(metrics, 'tenant_sessions_processlist_reads_total', { tenant, outcome });
const hits = (metrics: Metrics, tenant: string, kind: string) =>
  seriesValue(metrics, 'tenant_sessions_snapshot_hits_total', { tenant, kind });

beforeAll(async () => {
  admin = await mysql.createConnection({ uri: url });
  const [rows] = await admin.query<RowDataPacket[]>('SELECT @@GLOBAL.userstat AS on_');
  userstatWas = Number(rows[0]?.on_ ?? 0);
  await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
  await admin.query('GRANT PROCESS ON *.* TO ?@?', [user, '%']);
  await admin.query('SET GLOBAL userstat = 1');
});

afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  await admin.query('DROP USER IF EXISTS ?@?', [user, '%']);
  if (!userstatWas) await admin.query('SET GLOBAL userstat = 0');
  await admin.end();
});

describe('coalesced snapshots', () => {
  it('answers concurrent callers with one processlist read', async () => {
    const { handle, metrics, list } = setup('concurrent', 60_000);
    let pages: Awaited<ReturnType<typeof list>>[] = [];
    const counted = await serverReadsOf(handle, async () => {
      pages = await Promise.all(Array.from({ length: 20 }, () => list()));
    });
    expect(counted).toBe(1);
    expect(await reads(metrics, handle.ref)).toBe(1);
    expect(await hits(metrics, handle.ref, 'shared')).toBe(19);
    expect(new Set(pages.map((p) => p.capturedAt)).size).toBe(1);
    expect(pages[0]?.truncated).toBe(false);
  });

  it('answers later callers from the fresh snapshot, and reads again after a drop (a close)', async () => {
    const { handle, metrics, cache, list } = setup('dropped', 60_000);
    const counted = await serverReadsOf(handle, async () => {
      const first = await list();
      expect(await list()).toBe(first);
      const victim = await mysql.createConnection({ uri: url });
      try {
        expect((await list()).sessions.some((s) => s.id === String(victim.threadId))).toBe(false);
        cache.drop(handle.ref);
        expect((await list()).sessions.some((s) => s.id === String(victim.threadId))).toBe(true);
      } finally {
        victim.destroy();
      }
    });
    expect(counted).toBe(2);
    expect(await reads(metrics, handle.ref)).toBe(2);
    expect(await hits(metrics, handle.ref, 'fresh')).toBe(2);
  });

  it('after a drop during a read, later callers get a read of their own that starts after it', async () => {
    const { handle, metrics, cache, list } = setup('drop-in-flight', 60_000);
    const counted = await serverReadsOf(handle, async () => {
      const early = list();
      cache.drop(handle.ref);
      const late = list();
      const [a, b] = await Promise.all([early, late]);
      expect(b).not.toBe(a);
      expect(Date.parse(b.capturedAt)).toBeGreaterThanOrEqual(Date.parse(a.capturedAt));
    });
    expect(counted).toBe(2);
    expect(await reads(metrics, handle.ref)).toBe(2);
  });

  it('with freshness 0, reads for every call', async () => {
    const { handle, metrics, list } = setup('fresh-zero', 0);
    const counted = await serverReadsOf(handle, async () => {
      for (let i = 0; i < 3; i++) await list();
    });
    expect(counted).toBe(3);
    expect(await reads(metrics, handle.ref)).toBe(3);
    expect(await hits(metrics, handle.ref, 'fresh')).toBe(0);
  });

  it('does not keep a failed read', async () => {
    const server = await import('node:net').then(({ createServer }) => createServer());
    const port: number = await new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    await new Promise((resolve) => server.close(resolve));
    const { handle, metrics, list } = setup('unreachable', 60_000, port);
    await expect(list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await expect(list()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(await reads(metrics, handle.ref, 'error')).toBe(2);
    expect(await hits(metrics, handle.ref, 'fresh')).toBe(0);
  });
});
