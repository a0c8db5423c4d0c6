import type { Connection } from 'mysql2/promise';
import { type Account, closeAll, connect, endConnectionsOf, selectsOf } from './database';
import type { Figure } from './report';
import { type BenchSidecar, seriesOf } from './sidecar';
import { p50, p95, round, sleep, timed } from './stats';

const VIEWERS = 100;
const SECONDS = 10;
const READS = 'tenant_sessions_processlist_reads_total';

/** Each of `VIEWERS` runs `poll` once a second for `SECONDS`, starting at a random moment of the first second. */
const viewers = async (poll: (viewer: number) => Promise<unknown>): Promise<number[]> => {
  const times: number[] = [];
  const start = Date.now();
  await Promise.all(
    Array.from({ length: VIEWERS }, async (_, viewer) => {
      const offset = Math.random() * 1000;
      for (let k = 0; k < SECONDS; k++) {
        const due = start + offset + k * 1000;
        await sleep(Math.max(0, due - Date.now()));
        times.push(await timed(() => poll(viewer)));
      }
    }),
  );
  return times;
};

/**
 * 100 operators watching one tenant, polling once a second for 10 s, through the sidecar (reads
 * counted by its metric and by the server's USER_STATISTICS for the tenant's own account), and a
 * console that queries the processlist per viewer (100 connections of another account), side by side.
 */
export const fanIn = async (
  url: string,
  admin: Connection,
  sidecar: BenchSidecar,
  sidecarAccount: Account,
  perViewerAccount: Account,
  statement: { sql: string; values: string[] },
): Promise<Figure[]> => {
  const section = `fan-in: ${VIEWERS} viewers × 1/s × ${SECONDS} s`;
  const input = { clusterId: 'bench', tenantId: 'fanin', pageSize: 50 };
  const label = 'tenant="bench/fanin",outcome="ok"';
  await sidecar.query('sessions.list', input);
  await endConnectionsOf(admin, sidecarAccount);
  await sleep(1100);
  const metricBefore = seriesOf(await sidecar.metrics(), READS, label);
  const serverBefore = await selectsOf(admin, sidecarAccount);
  const times = await viewers(() => sidecar.query('sessions.list', input));
  const metricReads = seriesOf(await sidecar.metrics(), READS, label) - metricBefore;
  await endConnectionsOf(admin, sidecarAccount);
  await sleep(200);
  // The pool replaces the connections ended before the run (its probe is kept: no SELECT of its own).
  // Each snapshot read is two SELECTs: the processlist and its lock read (snapshots/read.ts).
  const serverReads = ((await selectsOf(admin, sidecarAccount)) - serverBefore) / 2;

  const connections: Connection[] = await Promise.all(
    Array.from({ length: VIEWERS }, () =>
      connect(url, { user: perViewerAccount.user, password: perViewerAccount.password }),
    ),
  );
  const perViewerBefore = await selectsOf(admin, perViewerAccount);
  const perViewerTimes = await viewers((viewer) => (connections[viewer] as Connection).query(statement));
  closeAll(connections);
  await sleep(300);
  const perViewerReads = (await selectsOf(admin, perViewerAccount)) - perViewerBefore;

  return [
    {
      section,
      name: 'processlist reads through the sidecar (its metric)',
      value: metricReads,
      unit: 'reads',
      target: { max: 12, text: '≤ 12' },
    },
    {
      section,
      name: "the same, counted by the server (the sidecar account's SELECTs / 2: processlist + lock read)",
      value: serverReads,
      unit: 'reads',
      target: { max: 12, text: '≤ 12' },
    },
    {
      section,
      name: 'a console querying per viewer (server-counted SELECTs)',
      value: perViewerReads,
      unit: 'reads',
      note: `${VIEWERS * SECONDS} polls`,
    },
    {
      section,
      name: 'viewer list time through the sidecar p50 / p95',
      value: `${round(p50(times))} / ${round(p95(times))}`,
      unit: 'ms',
      note: `${times.length} polls; per-viewer console p50 ${round(p50(perViewerTimes))} ms`,
    },
  ];
};
