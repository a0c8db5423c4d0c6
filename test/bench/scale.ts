import type { SessionPage } from '@tenant-sessions/contracts';
import type { Figure } from './report';
import { type BenchSidecar, seriesOf } from './sidecar';
import { p50, p95, round, sleep, timed } from './stats';

const MB = 1024 * 1024;

/** `count` calls of sessions.list with a user search, one after another (10 a second). */
const filteredLists = async (sidecar: BenchSidecar, tenantId: string, count: number) => {
  const times: number[] = [];
  let page: SessionPage | undefined;
  for (let i = 0; i < count; i++) {
    times.push(
      await timed(async () => {
        page = await sidecar.query<SessionPage>('sessions.list', {
          clusterId: 'bench',
          tenantId,
          user: 'report',
          pageSize: 50,
        });
      }),
    );
    await sleep(100);
  }
  return { times, page };
};

/**
 * The OceanBase fixture tenant with `sessions` rows: a filtered list p50 at the sidecar's default
 * freshness (1 s: about one call in ten reads), and how long a call that reads takes.
 */
export const listAtScale = async (
  sidecar: BenchSidecar,
  tenantId: string,
  sessions: number,
): Promise<Figure[]> => {
  const section = `OceanBase fixture, ${sessions.toLocaleString('en-US')} sessions`;
  const label = `tenant="bench/${tenantId}"`;
  await filteredLists(sidecar, tenantId, 3);
  const before = await sidecar.metrics();
  const { times, page } = await filteredLists(sidecar, tenantId, 40);
  const after = await sidecar.metrics();
  const reads =
    seriesOf(after, 'tenant_sessions_processlist_reads_total', `${label},outcome="ok"`) -
    seriesOf(before, 'tenant_sessions_processlist_reads_total', `${label},outcome="ok"`);
  const readSeconds =
    seriesOf(after, 'tenant_sessions_processlist_read_seconds_sum', label) -
    seriesOf(before, 'tenant_sessions_processlist_read_seconds_sum', label);
  return [
    {
      section,
      name: 'sessions.list with a user search, p50',
      value: round(p50(times)),
      unit: 'ms',
      ...(sessions === 10_000 ? { target: { max: 50, text: '≤ 50 ms' } } : {}),
      note: `p95 ${round(p95(times))} ms; ${times.length} calls, ${reads} of them read (freshness 1 s); ${page?.total} of ${page?.counts.all} matched`,
    },
    {
      section,
      name: 'a processlist read (query and mapping, sidecar metric) mean',
      value: reads > 0 ? round((readSeconds / reads) * 1000) : 'n/a',
      unit: 'ms',
    },
  ];
};

/** Resident memory of a freshly started sidecar before and while it lists the tenant (peak of 50 ms samples). */
export const memoryGrowth = async (
  sidecar: BenchSidecar,
  tenantId: string,
  sessions: number,
): Promise<Figure[]> => {
  await sidecar.query('sessions.list', { clusterId: 'bench', tenantId: 'main' });
  await sleep(500);
  const baseline = sidecar.rss();
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, sidecar.rss());
      await sleep(50);
    }
  })();
  const { times } = await filteredLists(sidecar, tenantId, 30);
  sampling = false;
  await sampler;
  // The snapshot is let go once it is no longer fresh (1 s); V8 gives memory back lazily.
  await sleep(3000);
  const after = sidecar.rss();
  const section = `OceanBase fixture, ${sessions.toLocaleString('en-US')} sessions`;
  return [
    {
      section,
      name: "sidecar's memory growth (peak RSS − RSS before)",
      value: round((peak - baseline) / MB, 1),
      unit: 'MB',
      target: { max: 100, text: '≤ 100 MB' },
      note: `RSS before ${round(baseline / MB, 1)} MB, peak ${round(peak / MB, 1)} MB over ${times.length} lists (about one read a second)`,
    },
    {
      section,
      name: 'RSS 3 s after the last list, over RSS before',
      value: round((after - baseline) / MB, 1),
      unit: 'MB',
    },
    {
      section,
      name: 'sessions.list with a user search, p50 / p95',
      value: `${round(p50(times))} / ${round(p95(times))}`,
      unit: 'ms',
    },
  ];
};
