import { randomBytes } from 'node:crypto';
import { isUnchanged, listInput, type SessionPage } from '@tenant-sessions/contracts';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localTenant } from '../config/load';
import { DEFAULT_WATCH_LIMITS, type WatchLimits } from '../config/settings';
import { OwnConnections } from '../connections/own';
import { SidecarError } from '../errors/sidecarError';
import { createMetrics, type Metrics } from '../metrics/metrics';
import { TenantHandle } from '../tenants/handle';
import { SnapshotStore } from './store';
import { WatchHub, type WatchRequest } from './watch';
import { createPageWatch } from './watchPages';

// The hub against a real server, through a real pool of an account only this file uses: its
// reads counted by the sidecar's metric and by the server (USER_STATISTICS; a pool's counters are
// final once its connections end, hence the close before counting).
const url = inject('mysqlUrl');
const log = pino({ level: 'silent' });
const user = `ts_watch_${randomBytes(3).toString('hex')}`;
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

const value = async (metrics: Metrics, name: string, labels: Record<string, string> = {}) => {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l))
    .reduce((sum, v) => sum + v.value, 0);
};

const setup = (tenantId: string, limits: Partial<WatchLimits> = {}, port?: number) => {
  const handle = handleFor(tenantId, port);
  const metrics = createMetrics();
  const store = new SnapshotStore({ freshMs: 1000, maxSessions: 100_000, metrics });
  const hub = createPageWatch(store, metrics, { ...DEFAULT_WATCH_LIMITS, ...limits });
  const reads = () =>
    value(metrics, 'tenant_sessions_processlist_reads_total', { tenant: handle.ref, outcome: 'ok' });
  return { handle, metrics, store, hub, reads };
};

type Hub = ReturnType<typeof setup>['hub'];

/** A watcher of `handle` through `hub`; `dropped` counts the hub's calls to drop its connection. */
const watcher = (
  hub: Hub,
  handle: TenantHandle,
  options: Partial<Omit<WatchRequest<unknown>, 'handle' | 'query'>> & { user?: string } = {},
) => {
  const controller = new AbortController();
  let dropped = 0;
  const request = {
    handle,
    operator: options.operator ?? 'alice',
    query: listInput.parse({ clusterId: 'local', tenantId: handle.config.tenantId, user: options.user }),
    intervalMs: options.intervalMs ?? 1000,
    check: options.check ?? (async () => undefined),
    drop: () => {
      dropped += 1;
    },
    signal: controller.signal,
  };
  const stream = hub.watch(request);
  return { stream, leave: () => controller.abort(), dropped: () => dropped };
};

const serverSelects = async (): Promise<number> => {
  const [rows] = await admin.query<RowDataPacket[]>(
    'SELECT SELECT_COMMANDS AS n FROM information_schema.USER_STATISTICS WHERE USER = ?',
    [user],
  );
  return Number(rows[0]?.n ?? 0);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

describe('one read loop per watched tenant', () => {
  it('two watchers cost one read per interval (metric and server), and the loop stops with the last', async () => {
    const { handle, metrics, hub, reads } = setup('two');
    // The pool's own probe, counted apart.
    const before = await serverSelects();
    await handle.withConnection(async () => undefined);
    await handle.close();
    const probe = (await serverSelects()) - before;

    const start = await serverSelects();
    const a = watcher(hub, handle, { intervalMs: 1000 });
    const b = watcher(hub, handle, { intervalMs: 1000, operator: 'bob' });
    const pages: SessionPage[][] = [[], []];
    const consume = async (w: typeof a, into: SessionPage[]) => {
      for await (const page of w.stream) if (!isUnchanged(page)) into.push(page);
    };
    const running = [consume(a, pages[0] as SessionPage[]), consume(b, pages[1] as SessionPage[])];
    const started = Date.now();
    await sleep(3500);
    expect(await value(metrics, 'tenant_sessions_watch_loops')).toBe(1);
    a.leave();
    b.leave();
    await Promise.all(running);
    const elapsed = Date.now() - started;
    const metricReads = await reads();
    await sleep(1500);
    // Nobody watches: the loop stopped, no read since.
    expect(await reads()).toBe(metricReads);
    expect(await value(metrics, 'tenant_sessions_watch_loops')).toBe(0);
    await handle.close();
    const serverReads = (await serverSelects()) - start - probe;

    // A read at the start, then one per second: 4 in 3.5 s, never one per watcher.
    const ticks = Math.floor(elapsed / 1000) + 1;
    expect(metricReads).toBeGreaterThanOrEqual(ticks - 1);
    expect(metricReads).toBeLessThanOrEqual(ticks);
    // Each snapshot read is two statements on the server: the processlist and its locks.
    expect(serverReads).toBe(2 * metricReads);
    // Each watcher got every page (the sidecar's own idle connection's time moves every second).
    expect(pages[0]?.length).toBeGreaterThanOrEqual(metricReads - 1);
    expect(pages[1]?.length).toBeGreaterThanOrEqual(metricReads - 1);
    expect(pages[0]?.map((p) => p.capturedAt)).toEqual(pages[1]?.map((p) => p.capturedAt));
    expect(await value(metrics, 'tenant_sessions_watch_streams')).toBe(0);
    expect(await value(metrics, 'tenant_sessions_watch_ended_total', { reason: 'left' })).toBe(2);
  });

  it('reads at the shortest interval asked for, and pushes to a slower watcher at its own pace', async () => {
    const { handle, hub, reads } = setup('paces');
    const fast = watcher(hub, handle, { intervalMs: 1000 });
    const slow = watcher(hub, handle, { intervalMs: 3000, operator: 'bob' });
    const counts = [0, 0];
    const consume = async (w: typeof fast, i: number) => {
      for await (const _ of w.stream) counts[i] = (counts[i] ?? 0) + 1;
    };
    const running = [consume(fast, 0), consume(slow, 1)];
    await sleep(4300);
    fast.leave();
    slow.leave();
    await Promise.all(running);
    expect(await reads()).toBeGreaterThanOrEqual(4);
    expect(await reads()).toBeLessThanOrEqual(6);
    expect(counts[0]).toBeGreaterThanOrEqual(4);
    expect(counts[1]).toBeGreaterThanOrEqual(2);
    expect(counts[1]).toBeLessThanOrEqual(3);
  });
});

describe('what a watcher is pushed', () => {
  it('nothing again while its view does not change, then the view once refreshMs passed', async () => {
    // A view that never changes (the tenant's dialect), so the test does not depend on what
    // other tests connect meanwhile: what is pushed follows from the hub's rule alone.
    const { handle, metrics, store } = setup('unchanged');
    type View = { dialect?: string; capturedAt: string; unchanged?: true };
    const hub = new WatchHub<unknown, View>(
      store,
      {
        of: (snapshot) => ({ dialect: snapshot.dialect, capturedAt: snapshot.capturedAt }),
        sameness: (v) => v.dialect ?? '',
        still: (v) => ({ unchanged: true, capturedAt: v.capturedAt }),
      },
      metrics,
      { ...DEFAULT_WATCH_LIMITS, refreshMs: 2500 },
    );
    const controller = new AbortController();
    const stream = hub.watch({
      handle,
      operator: 'alice',
      query: {},
      intervalMs: 1000,
      check: async () => undefined,
      drop: () => undefined,
      signal: controller.signal,
    });
    const times: number[] = [];
    const views: View[] = [];
    const consume = (async () => {
      for await (const view of stream) {
        times.push(Date.now());
        views.push(view);
      }
    })();
    await sleep(3700);
    controller.abort();
    await consume;
    // Four reads: the first view, nothing for the next two, then word that it is unchanged after 2.5 s
    // (its snapshot's time, not the view again).
    expect(views).toHaveLength(2);
    expect(views[0]?.dialect).toBeDefined();
    expect(views[1]).toEqual({ unchanged: true, capturedAt: expect.any(String) });
    expect(views[1]?.capturedAt).not.toBe(views[0]?.capturedAt);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(2400);
    expect(await value(metrics, 'tenant_sessions_watch_pushes_total')).toBe(2);
  });

  it('ends the stream with the check error, without a push after it', async () => {
    const { handle, hub, metrics } = setup('revoked');
    let allowed = true;
    const w = watcher(hub, handle, {
      check: async () => {
        if (!allowed) throw new SidecarError('NO_READ', 'no longer');
      },
    });
    const first = await w.stream.next();
    expect(first.done).toBe(false);
    allowed = false;
    const revokedAt = Date.now();
    await expect(w.stream.next()).rejects.toMatchObject({ reason: 'NO_READ' });
    expect(Date.now() - revokedAt).toBeLessThan(1500);
    expect(await value(metrics, 'tenant_sessions_watch_ended_total', { reason: 'rights' })).toBe(1);
    expect(await value(metrics, 'tenant_sessions_watch_loops')).toBe(0);
  });

  it('drops a reader that has not taken its page for slowMs, instead of keeping pages for it', async () => {
    const { handle, hub, metrics } = setup('slow', { slowMs: 1000 });
    const w = watcher(hub, handle);
    const other = watcher(hub, handle, { operator: 'bob' });
    // `w` takes its first page and then never comes back for the next; `other` keeps reading.
    expect((await w.stream.next()).done).toBe(false);
    let otherPages = 0;
    const consume = (async () => {
      for await (const _ of other.stream) otherPages += 1;
    })();
    const deadline = Date.now() + 6000;
    while (w.dropped() === 0 && Date.now() < deadline) await sleep(100);
    expect(w.dropped()).toBe(1);
    expect(await value(metrics, 'tenant_sessions_watch_ended_total', { reason: 'slow' })).toBe(1);
    expect(hub.size).toBe(1);
    // The stream, once its reader comes back, ends.
    expect(await w.stream.next()).toEqual({ done: true, value: undefined });
    // The reader that keeps up goes on getting pages.
    const seen = otherPages;
    const until = Date.now() + 3000;
    while (otherPages === seen && Date.now() < until) await sleep(100);
    other.leave();
    await consume;
    expect(otherPages).toBeGreaterThan(seen);
  });

  it('refuses streams beyond the per-operator and the total bound with TOO_MANY_REQUESTS', async () => {
    const { handle, hub, metrics } = setup('bounds', { perOperator: 2, max: 3 });
    const a1 = watcher(hub, handle);
    const a2 = watcher(hub, handle);
    await a1.stream.next();
    await a2.stream.next();
    const a3 = watcher(hub, handle);
    await expect(a3.stream.next()).rejects.toMatchObject({
      reason: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/2 live views open, the most one operator may \(2\)/),
    });
    const b1 = watcher(hub, handle, { operator: 'bob' });
    await b1.stream.next();
    const b2 = watcher(hub, handle, { operator: 'bob' });
    await expect(b2.stream.next()).rejects.toMatchObject({
      reason: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/most live views it serves open \(3\)/),
    });
    expect(await value(metrics, 'tenant_sessions_watch_refused_total', { limit: 'operator' })).toBe(1);
    expect(await value(metrics, 'tenant_sessions_watch_refused_total', { limit: 'total' })).toBe(1);
    // A slot freed is a slot taken again.
    a1.leave();
    await a1.stream.next();
    const a4 = watcher(hub, handle);
    expect((await a4.stream.next()).done).toBe(false);
    hub.close();
    for (const w of [a2, b1, a4]) expect(await w.stream.next()).toEqual({ done: true, value: undefined });
    expect(hub.size).toBe(0);
    expect(await value(metrics, 'tenant_sessions_watch_ended_total', { reason: 'stopping' })).toBe(3);
  });

  it('ends every stream of a tenant whose read fails, with the read error', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    const port: number = await new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    await new Promise((resolve) => server.close(resolve));
    const { handle, hub, metrics } = setup('unreachable', {}, port);
    const w = watcher(hub, handle);
    await expect(w.stream.next()).rejects.toMatchObject({ reason: 'TENANT_UNREACHABLE' });
    expect(await value(metrics, 'tenant_sessions_watch_ended_total', { reason: 'failed' })).toBe(1);
  });
});
