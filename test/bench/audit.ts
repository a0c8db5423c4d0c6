import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileSink } from '@tenant-sessions/plugin-server';
import pino from 'pino';
import type { Figure } from './report';
import { p50, round, timed } from './stats';

const SIZE = 1024 ** 3;
const ROUNDS = 21;

/**
 * A JSON-lines audit of 1 GiB as a long-running sidecar leaves it: calls of 20 attempts, each an
 * attempt line (write ahead) then its outcome line, over 8 tenants and 50 operators, some
 * attempts left without outcome; written in a temporary folder and deleted after.
 */
const writeAudit = (file: string) => {
  const fd = openSync(file, 'w');
  let size = 0;
  let n = 0;
  let calls = 0;
  const sql =
    'SELECT o.id, o.total FROM orders o WHERE o.customer_id = ? AND o.created_at > NOW() - INTERVAL 1 DAY';
  while (size < SIZE) {
    const lines: string[] = [];
    for (let call = 0; call < 200; call += 1) {
      const callId = randomUUID();
      calls += 1;
      const tenantId = `tenant-${calls % 8}`;
      const operator = `operator-${calls % 50}`;
      const time = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
      for (let k = 0; k < 20; k += 1) {
        n += 1;
        const id = randomUUID();
        const sessionId = String(100000 + n);
        const attempt = {
          time,
          callId,
          operator,
          clusterId: 'prod',
          tenantId,
          sessionKey: `10.0.0.5:3306#${sessionId}`,
          sessionId,
          user: 'app_rw',
          source: '10.1.2.3:51234',
          database: 'trade',
          sql,
          sqlTruncated: false,
          kind: 'session',
        };
        lines.push(JSON.stringify({ phase: 'attempt', ...attempt, id }));
        if (n % 997 !== 0)
          lines.push(
            JSON.stringify({
              ...attempt,
              outcome: 'killed',
              message: null,
              code: 'killed',
              params: {},
              id: randomUUID(),
              settles: id,
            }),
          );
      }
    }
    const chunk = Buffer.from(`${lines.join('\n')}\n`);
    writeSync(fd, chunk);
    size += chunk.length;
  }
  closeSync(fd);
  return n;
};

/** audit.list on a 1 GiB file audit: the first page, a filtered page, a deeper page; its memory. */
export const auditAtScale = async (): Promise<Figure[]> => {
  const section = 'audit.list on a 1 GiB file audit';
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-bench-audit-'));
  try {
    const file = path.join(dir, 'audit.jsonl');
    const attempts = writeAudit(file);
    const bytes = statSync(file).size;
    const sink = fileSink(file, pino({ level: 'silent' }));
    const rssBefore = process.memoryUsage().rss;
    let unfinished = 0;
    const indexMs = await timed(async () => {
      unfinished = (await sink.recover()).unfinished;
    });
    const query = { clusterId: 'prod', tenantId: 'tenant-3', pageIndex: 0, pageSize: 20 };
    const series = async (q: typeof query & { operator?: string; outcome?: 'unknown' }) => {
      const samples: number[] = [];
      for (let i = 0; i < ROUNDS; i += 1) samples.push(await timed(() => sink.list(q)));
      return p50(samples);
    };
    const first = await series(query);
    const page = await sink.list(query);
    const operator = await series({ ...query, operator: 'operator-11' });
    const deeper = await series({ ...query, pageIndex: 50 });
    const rssAfter = process.memoryUsage().rss;
    await sink.close();
    const missing = await series({ ...query, tenantId: 'nobody' });
    return [
      {
        section,
        name: 'file size',
        value: round(bytes / 1024 ** 2),
        unit: 'MiB',
        note: `${attempts.toLocaleString('en-US')} attempts`,
      },
      {
        section,
        name: 'the start: reading it once (the counts index, unfinished attempts)',
        value: round(indexMs),
        unit: 'ms',
        note: `${unfinished} unfinished found`,
      },
      {
        section,
        name: 'first page (20 rows, one tenant) p50',
        value: round(first),
        unit: 'ms',
        target: { max: 50, text: '≤ 50' },
        note: `total ${page.total.toLocaleString('en-US')}`,
      },
      { section, name: "one operator's first page p50", value: round(operator), unit: 'ms' },
      { section, name: 'page 51 (rows 1,001–1,020) p50', value: round(deeper), unit: 'ms' },
      { section, name: 'a tenant with no record p50', value: round(missing), unit: 'ms' },
      {
        section,
        name: 'resident memory of the reading process after the reads',
        value: round(rssAfter / 1024 ** 2),
        unit: 'MiB',
        note: `${round((rssAfter - rssBefore) / 1024 ** 2)} MiB more than before the index`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
