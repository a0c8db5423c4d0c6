import type { Connection } from 'mysql2/promise';
import type { Figure } from './report';
import { memoryGrowth } from './scale';
import { type BenchSidecar, seriesOf } from './sidecar';
import { p50, p95, round, timed } from './stats';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * sessions.stats over HTTP on the OceanBase fixture tenant from a warm snapshot: `sidecar` keeps
 * its snapshot long (its freshness far above the run), one list reads it, then 40 stats calls
 * one after another; the reads metric shows that none of them read the processlist again.
 */
export const statsAtScale = async (
  sidecar: BenchSidecar,
  tenantId: string,
  sessions: number,
  targetMs: number,
): Promise<Figure[]> => {
  const input = { clusterId: 'bench', tenantId };
  const label = `tenant="bench/${tenantId}"`;
  await sidecar.query('sessions.list', input);
  for (let i = 0; i < 5; i++) await sidecar.query('sessions.stats', input);
  const before = await sidecar.metrics();
  const times: number[] = [];
  const active: number[] = [];
  let groups = '';
  for (let i = 0; i < 40; i++) {
    let answer:
      | {
          counts: { all: number };
          bySource: unknown[];
          bySql: unknown[];
          byUser: unknown[];
          groupTotals: { byUser: number; bySource: number; bySql: number };
        }
      | undefined;
    let bytes = 0;
    const activeOnly = i % 4 === 3;
    const ms = await timed(async () => {
      answer = await sidecar.query('sessions.stats', { ...input, activeOnly });
    });
    (activeOnly ? active : times).push(ms);
    bytes = JSON.stringify(answer).length;
    const totals = answer?.groupTotals;
    groups = `${answer?.counts.all} sessions counted; rows answered of all: users ${answer?.byUser.length} of ${totals?.byUser}, sources ${answer?.bySource.length} of ${totals?.bySource}, statements ${answer?.bySql.length} of ${totals?.bySql}; ${Math.round(bytes / 1024)} KB of JSON`;
  }
  const after = await sidecar.metrics();
  const reads =
    seriesOf(after, 'tenant_sessions_processlist_reads_total', `${label},outcome="ok"`) -
    seriesOf(before, 'tenant_sessions_processlist_reads_total', `${label},outcome="ok"`);
  return [
    {
      section: `Session Statistics, ${count(sessions)} fixture sessions`,
      name: 'sessions.stats over HTTP from a warm snapshot, p50',
      value: round(p50(times)),
      unit: 'ms',
      target: { max: targetMs, text: `≤ ${targetMs} ms` },
      note: `p95 ${round(p95(times))} ms over ${times.length} calls; activeOnly p50 ${round(p50(active))} ms; processlist reads during the calls: ${reads}; ${groups}`,
    },
  ];
};

/**
 * The same memory figure as memoryGrowth's (scale.ts) with every fixture session holding a digest: each row runs
 * a statement (5,000 distinct ones, more than the digest memo holds) and has no SQL ID, so the
 * sidecar digests every session on every read and keeps the digest in its snapshot.
 */
export const memoryWithDigests = async (
  fixture: Connection,
  sidecar: () => Promise<BenchSidecar>,
  tenantId: string,
  sessions: number,
): Promise<Figure[]> => {
  await fixture.query(
    "UPDATE oceanbase.`GV$OB_PROCESSLIST` SET SQL_ID = '', INFO = CONCAT('SELECT c', ID % 5000, ', SUM(amount) FROM orders_', ID % 5000, ' WHERE buyer_id = ', ID, ' GROUP BY 1')",
  );
  const own = await sidecar();
  try {
    const probe = await own.query<{ bySql: unknown[] }>('sessions.stats', { clusterId: 'bench', tenantId });
    const figures = await memoryGrowth(own, tenantId, sessions);
    return figures.map((figure) => ({
      ...figure,
      section: `${figure.section}, every session digested (${count(probe.bySql.length)} digests)`,
    }));
  } finally {
    await own.stop();
  }
};
