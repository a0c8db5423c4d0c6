import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Connection } from 'mysql2/promise';
import { openWatch, type Watch } from '../support/sse';
import { type Account, closeAll, connect, endConnectionsOf, selectsOf } from './database';
import type { Figure } from './report';
import { type BenchSidecar, seriesOf } from './sidecar';
import { inBatches, p50, p95, round, sleep } from './stats';

const WATCHERS = 200;
const SECONDS = 20;
const QUIET_SECONDS = 60;
const VICTIMS = 16;
const READS = 'tenant_sessions_processlist_reads_total';
const cpuCount = availableParallelism();

/** The bench sidecar's bounds: every watcher comes with the one bench token (one operator). */
export const WATCH_BENCH_ENV = {
  SESSIONS_WATCH_PER_OPERATOR: String(WATCHERS),
  SESSIONS_WATCH_MAX: String(WATCHERS),
};

/** CPU seconds (user + system) a process used so far (/proc; clock ticks of 1/100 s). */
const cpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const openWatchers = (sidecar: BenchSidecar, input: Parameters<typeof openWatch>[2]): Promise<Watch[]> =>
  inBatches(
    Array.from({ length: WATCHERS }, (_, i) => i),
    50,
    () => openWatch(sidecar.url, sidecar.token, input),
  );

const closeWatchers = async (watches: Watch[]) => {
  for (const watch of watches) watch.close();
  await Promise.all(watches.map((w) => w.ended));
};

/** Each of `WATCHERS` consoles reads the processlist itself once a second for `SECONDS` (its own connection). */
const perViewerConsole = async (
  url: string,
  admin: Connection,
  account: Account,
  statement: { sql: string; values: string[] },
): Promise<number> => {
  const connections: Connection[] = await inBatches(
    Array.from({ length: WATCHERS }, (_, i) => i),
    50,
    () => connect(url, { user: account.user, password: account.password }),
  );
  const before = await selectsOf(admin, account);
  const start = Date.now();
  await Promise.all(
    connections.map(async (connection) => {
      const offset = Math.random() * 1000;
      for (let k = 0; k < SECONDS; k++) {
        await sleep(Math.max(0, start + offset + k * 1000 - Date.now()));
        await connection.query(statement);
      }
    }),
  );
  closeAll(connections);
  await sleep(300);
  return (await selectsOf(admin, account)) - before;
};

/**
 * sessions.watch at scale, side by side with a console that reads per viewer: `WATCHERS` streams
 * of one tenant at 1 s for `SECONDS` (the tenant's reads by the sidecar's metric and by the
 * server's USER_STATISTICS of its account; real sessions connecting meanwhile, and when each
 * watcher saw each), then `WATCHERS` streams of the 10,000-session OceanBase fixture (whose rows
 * do not move) for `QUIET_SECONDS`: the sidecar's CPU, and the bytes each stream carried.
 */
export const liveViews = async (
  url: string,
  admin: Connection,
  sidecar: BenchSidecar,
  accounts: { sidecar: Account; perViewer: Account; victims: Account },
  statement: { sql: string; values: string[] },
): Promise<Figure[]> => {
  const section = `live views: ${WATCHERS} watchers × 1 s × ${SECONDS} s`;
  const tenant = { clusterId: 'bench', tenantId: 'fanin' };
  // The watchers search for the victims' user, as an operator following one application would.
  const input = { ...tenant, user: accounts.victims.user, intervalMs: 1000 };
  const label = 'tenant="bench/fanin",outcome="ok"';
  await sidecar.query('sessions.list', tenant);
  await endConnectionsOf(admin, accounts.sidecar);
  await sleep(1100);
  const metricBefore = seriesOf(await sidecar.metrics(), READS, label);
  const serverBefore = await selectsOf(admin, accounts.sidecar);
  const started = Date.now();
  const cpuAtStart = cpuSeconds(sidecar.pid);
  const watches = await openWatchers(sidecar, input);
  await Promise.all(watches.map((w) => w.nextPage(() => true, 15_000)));
  const victims: Array<{ id: string; at: number; connection: Connection }> = [];
  for (let k = 0; k < VICTIMS; k++) {
    // At a random moment of its own second: a session connects whenever it likes, not in step with the loop.
    await sleep(Math.max(0, started + 2000 + k * 1000 + Math.random() * 1000 - Date.now()));
    const connection = await connect(url, {
      user: accounts.victims.user,
      password: accounts.victims.password,
    });
    victims.push({ id: String(connection.threadId), at: Date.now(), connection });
  }
  await sleep(Math.max(0, started + SECONDS * 1000 - Date.now()));
  const busyCpu = (cpuSeconds(sidecar.pid) - cpuAtStart) / ((Date.now() - started) / 1000);
  const load = loadavg()[0] ?? 0;
  await closeWatchers(watches);
  const metricReads = seriesOf(await sidecar.metrics(), READS, label) - metricBefore;
  await endConnectionsOf(admin, accounts.sidecar);
  await sleep(200);
  const serverReads = (await selectsOf(admin, accounts.sidecar)) - serverBefore;
  closeAll(victims.map((v) => v.connection));
  const latencies: number[] = [];
  let missed = 0;
  for (const watch of watches)
    for (const victim of victims) {
      const seen = watch.events.find((e) => e.event === 'message' && e.data.includes(`"id":"${victim.id}"`));
      if (seen) latencies.push(Math.max(0, seen.at - victim.at));
      else missed += 1;
    }
  const consoleReads = await perViewerConsole(url, admin, accounts.perViewer, statement);

  const quietSection = `live views: ${WATCHERS} watchers of the OceanBase fixture (10,000 sessions, none moving) at 1 s, ${QUIET_SECONDS} s`;
  const ob = await openWatchers(sidecar, { clusterId: 'bench', tenantId: 'ob', intervalMs: 1000 });
  await Promise.all(ob.map((w) => w.nextPage(() => true, 30_000)));
  await sleep(2000);
  const bytesBefore = ob.map((w) => w.bytes());
  const cpuBefore = cpuSeconds(sidecar.pid);
  const t0 = Date.now();
  await sleep(QUIET_SECONDS * 1000);
  const t1 = Date.now();
  const cpuUsed = cpuSeconds(sidecar.pid) - cpuBefore;
  const bytes = ob.map((w, i) => w.bytes() - (bytesBefore[i] ?? 0));
  const during = (w: Watch) => w.events.filter((e) => e.at >= t0 && e.at <= t1);
  const pushed = ob.map((w) => during(w).filter((e) => e.event === 'message'));
  const pageBytes = pushed.map((events) => events.reduce((sum, e) => sum + e.data.length, 0));
  const pings = ob.map((w) => during(w).filter((e) => e.event === 'ping').length);
  const pageSize = (ob[0]?.events.find((e) => e.event === 'message')?.data.length ?? 0) / 1024;
  await closeWatchers(ob);
  const minutes = (t1 - t0) / 60_000;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

  return [
    {
      section,
      name: 'processlist reads through the sidecar (its metric)',
      value: metricReads,
      unit: 'reads',
      target: { max: 22, text: '≤ 22' },
    },
    {
      section,
      name: "the same, counted by the server (the sidecar account's SELECTs)",
      value: serverReads,
      unit: 'reads',
      target: { max: 22, text: '≤ 22' },
    },
    {
      section,
      name: 'a console reading per viewer (server-counted SELECTs)',
      value: consoleReads,
      unit: 'reads',
      note: `${WATCHERS} viewers × ${SECONDS} reads`,
    },
    {
      section,
      name: 'a new session seen by every watcher, p95 after it connected',
      value: round(p95(latencies)),
      unit: 'ms',
      target: { max: 1500, text: '≤ 1,500 ms' },
      note: `p50 ${round(p50(latencies))} ms; ${latencies.length} sightings of ${VICTIMS} sessions, ${missed} missed; sidecar CPU meanwhile ${round(busyCpu * 100, 1)} % of a core, machine load average ${round(load, 1)} on ${cpuCount} cores`,
    },
    {
      section: quietSection,
      name: 'sidecar CPU',
      value: round((cpuUsed / ((t1 - t0) / 1000)) * 100, 1),
      unit: '% of a core',
      target: { max: 50, text: '≤ 50 %' },
    },
    {
      section: quietSection,
      name: 'bytes pushed per watcher per minute',
      value: Math.round(mean(bytes) / minutes),
      unit: 'B',
      target: { max: 5 * 1024, text: '≤ 5 KB' },
      note: `of which pages ${Math.round(mean(pageBytes) / minutes)} B: ${round(mean(pushed.map((p) => p.length)) / minutes)} a minute of ${round(pageSize)} KB, the unchanged page again every SESSIONS_WATCH_REFRESH_MS (30 s, docs/api.md)`,
    },
    {
      section: quietSection,
      name: 'the same less the repeated pages: keep-alives and framing',
      value: Math.round((mean(bytes) - mean(pageBytes)) / minutes),
      unit: 'B',
      note: `${round(mean(pings) / minutes)} keep-alives a minute; what a quiet stream costs with SESSIONS_WATCH_REFRESH_MS=0`,
    },
  ];
};
