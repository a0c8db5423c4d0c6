import { connect, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import { LIMITS } from '@tenant-sessions/contracts';
import type { Figure } from './report';
import type { BenchSidecar } from './sidecar';
import { p95, round, sleep, timed } from './stats';

const MiB = 1024 * 1024;

/** The GET of a tRPC batch: `count` sessions.list calls of 1,000 sessions each (pages 0, 1, … when `paged`). */
const batchPath = (tenantId: string, count: number, paged = true) => {
  const inputs = Object.fromEntries(
    Array.from({ length: count }, (_v, i) => [
      i,
      { clusterId: 'bench', tenantId, pageSize: 1000, ...(paged ? { pageIndex: i % 10 } : {}) },
    ]),
  );
  return `/trpc/${Array(count).fill('sessions.list').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
};

/** A client that sends the request, reads the status line, and then nothing: its answer waits for it. */
const slowReader = (base: URL, path: string, token: string): Promise<{ socket: Socket; status: number }> =>
  new Promise((resolve, reject) => {
    const socket = connect(Number(base.port), base.hostname);
    socket.once('error', reject);
    // A connection closed before any answer (the sidecar gone, the cap reached) counts as status 0.
    socket.once('close', () => resolve({ socket, status: 0 }));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${base.host}\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      resolve({ socket, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1]) });
    });
  });

/**
 * Batch amplification (the figures): a 157-call batch of full pages is refused; 30 callers
 * of the largest batch allowed (LIMITS.maxBatch full pages) who never read their answers keep the sidecar's
 * RSS under 500 MiB and /healthz under 100 ms, measured every 100 ms while they hang on.
 */
export const batchAmplification = async (sidecar: BenchSidecar, tenantId: string): Promise<Figure[]> => {
  const section = 'batch amplification (OceanBase fixture, 10,000 sessions)';
  const base = new URL(sidecar.url);
  const auth = { authorization: `Bearer ${sidecar.token}` };
  // Warm: the tenant's pool, the probe, a snapshot.
  await sidecar.query('sessions.list', { clusterId: 'bench', tenantId, pageSize: 1000 });
  // The request by POST: 157 inputs do not fit in the 16 KiB of headers Node takes.
  const hugePath = batchPath(tenantId, 157, false);
  const hugeInput = new URL(hugePath, sidecar.url).searchParams.get('input') ?? '';
  const huge = await fetch(`${sidecar.url}${hugePath.slice(0, hugePath.indexOf('&input='))}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: hugeInput,
  });
  const hugeText = await huge.text();
  const full = await fetch(`${sidecar.url}${batchPath(tenantId, LIMITS.maxBatch)}`, { headers: auth });
  const fullBytes = Buffer.byteLength(await full.text());
  // The same probes with nothing else going on: what this machine gives a bare /healthz.
  const quiet: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    quiet.push(await timed(async () => void (await (await fetch(`${sidecar.url}/healthz`)).text())));
    await sleep(100);
  }
  const before = sidecar.rss();
  let peak = before;
  const health: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, sidecar.rss());
      await sleep(50);
    }
  })();
  const prober = (async () => {
    while (sampling) {
      health.push(await timed(async () => void (await (await fetch(`${sidecar.url}/healthz`)).text())));
      await sleep(100);
    }
  })();
  const readers = await Promise.all(
    Array.from({ length: 30 }, () => slowReader(base, batchPath(tenantId, LIMITS.maxBatch), sidecar.token)),
  );
  await sleep(5000);
  sampling = false;
  await Promise.all([sampler, prober]);
  for (const { socket } of readers) socket.destroy();
  const answered = readers.filter((r) => r.status === 200).length;
  const refused = readers.filter((r) => r.status === 429).length;
  const dropped = readers.filter((r) => r.status === 0).length;
  return [
    {
      section,
      name: 'a batch of 157 full pages (the issue’s request): answer size',
      value: round(Buffer.byteLength(hugeText) / 1024, 2),
      unit: 'KiB',
      target: { max: 1, text: '≤ 1 KiB (refused)' },
      note: `HTTP ${huge.status}: ${hugeText.slice(0, 160)}`,
    },
    {
      section,
      name: `the largest batch allowed (${LIMITS.maxBatch} full pages): answer size`,
      value: round(fullBytes / MiB, 2),
      unit: 'MiB',
      note: `HTTP ${full.status}`,
    },
    {
      section,
      name: "30 slow readers of that batch: sidecar's peak RSS",
      value: round(peak / MiB, 1),
      unit: 'MiB',
      target: { max: 500, text: '< 500 MiB' },
      note: `RSS before ${round(before / MiB, 1)} MiB; ${answered} answered 200, ${refused} refused 429 (unread answers over the bound), ${dropped} closed unanswered, held 5 s`,
    },
    {
      section,
      name: '/healthz meanwhile, slowest',
      value: round(Math.max(...health)),
      unit: 'ms',
      target: { max: 100, text: '< 100 ms' },
      note: `p95 ${round(p95(health))} ms over ${health.length} probes, one every 100 ms; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    },
    {
      section,
      name: '/healthz before, with nothing else going on, slowest',
      value: round(Math.max(...quiet)),
      unit: 'ms',
      note: `p95 ${round(p95(quiet))} ms over ${quiet.length} probes`,
    },
  ];
};
