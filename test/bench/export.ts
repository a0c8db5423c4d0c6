import type { Figure } from './report';
import type { BenchSidecar } from './sidecar';
import { round, sleep } from './stats';

const MB = 1024 * 1024;

type Read = { ms: number; bytes: number; records: number; status: number };

/**
 * GET /export/sessions.csv of the whole tenant, read as it comes; with `pauseMs`, the reader
 * waits that long after every chunk (a slow client: the sidecar must wait for it, not buffer).
 */
const readExport = async (sidecar: BenchSidecar, tenantId: string, pauseMs: number): Promise<Read> => {
  const input = encodeURIComponent(JSON.stringify({ clusterId: 'bench', tenantId }));
  const started = process.hrtime.bigint();
  const response = await fetch(`${sidecar.url}/export/sessions.csv?input=${input}`, {
    headers: { authorization: `Bearer ${sidecar.token}` },
    signal: AbortSignal.timeout(300_000),
  });
  let bytes = 0;
  let records = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    bytes += chunk.value.length;
    for (let i = chunk.value.indexOf(10); i >= 0; i = chunk.value.indexOf(10, i + 1)) records++;
    if (pauseMs > 0) await sleep(pauseMs);
  }
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, bytes, records, status: response.status };
};

/** Runs `work` while sampling the sidecar's RSS every 20 ms; answers the work's result and the peak. */
const peakDuring = async <T>(sidecar: BenchSidecar, work: () => Promise<T>) => {
  let peak = sidecar.rss();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, sidecar.rss());
      await sleep(20);
    }
  })();
  const result = await work();
  sampling = false;
  await sampler;
  return { result, peak };
};

/**
 * The sessions export of a tenant of `sessions` fixture rows, on a sidecar whose snapshots stay
 * fresh long enough (SESSIONS_SNAPSHOT_FRESH_MS ≥ 60 s) that both exports read the snapshot the
 * list took: the sidecar's peak RSS while it writes the file, over its RSS with the snapshot
 * held, for a client reading as fast as it can and for a slow one.
 */
export const exportAtScale = async (
  sidecar: BenchSidecar,
  tenantId: string,
  sessions: number,
): Promise<Figure[]> => {
  const section = `CSV export, OceanBase fixture, ${sessions.toLocaleString('en-US')} sessions`;
  await sleep(500);
  const empty = sidecar.rss();
  await sidecar.query('sessions.list', { clusterId: 'bench', tenantId, pageSize: 1 });
  await sleep(1000);
  const held = sidecar.rss();
  process.stdout.write('bench: export, fast reader …\n');
  const fast = await peakDuring(sidecar, () => readExport(sidecar, tenantId, 0));
  await sleep(1000);
  const before = sidecar.rss();
  process.stdout.write('bench: export, slow reader …\n');
  const slow = await peakDuring(sidecar, () => readExport(sidecar, tenantId, 5));
  const figures: Figure[] = [];
  for (const [name, base, run] of [
    ['fast reader', held, fast],
    ['slow reader (5 ms pause per chunk)', before, slow],
  ] as const) {
    figures.push({
      section,
      name: `sidecar's memory growth while exporting, ${name} (peak RSS − RSS with the snapshot held)`,
      value: round((run.peak - base) / MB, 1),
      unit: 'MB',
      target: { max: 20, text: '≤ 20 MB' },
      note: `HTTP ${run.result.status}, ${(run.result.records - 1).toLocaleString('en-US')} records, ${round(run.result.bytes / MB, 1)} MB in ${round(run.result.ms)} ms; RSS with the snapshot ${round(base / MB, 1)} MB, peak ${round(run.peak / MB, 1)} MB`,
    });
  }
  figures.push({
    section,
    name: 'the snapshot itself (RSS with it held − RSS before the list)',
    value: round((held - empty) / MB, 1),
    unit: 'MB',
  });
  return figures;
};
