import type { Connection } from 'mysql2/promise';
import { dialectFor } from '../../plugin-server/src/dialects';
import { type Account, closeAll, connect, openCrowd } from './database';
import type { Figure } from './report';
import type { BenchSidecar } from './sidecar';
import { p50, p95, round, timed } from './stats';

const LEVELS = [100, 1000, 2000];
const SAMPLES = 30;
const WARMUP = 5;

/** The sidecar's dialect for this server, as the sidecar makes it. */
export const benchDialect = async (admin: Connection) => {
  const [[row]] = (await admin.query('SELECT VERSION() AS version')) as unknown as [[{ version: string }]];
  const read = async ({ sql, values }: { sql: string; values: string[] }) =>
    (await admin.query({ sql, values }))[0] as never;
  return dialectFor(row.version, undefined, { scope: { kind: 'tenant' }, read });
};

/** The processlist statement the sidecar's dialect sends for this server, as a plain mysql2 query. */
export const rawStatement = async (admin: Connection) => (await benchDialect(admin)).listSessions(10_000);

/**
 * sessions.list over HTTP (freshness 0: one read per call) against the same processlist query on
 * a plain mysql2 connection plus a bare HTTP round trip to the sidecar (/healthz), alternated call
 * by call, at 100, 1,000 and 2,000 open connections: the target is on the sidecar's own share.
 */
export const listOverhead = async (
  url: string,
  admin: Connection,
  crowdAccount: Account,
  sidecar: BenchSidecar,
): Promise<Figure[]> => {
  const statement = await rawStatement(admin);
  const raw = await connect(url, { supportBigNumbers: true, bigNumberStrings: true, dateStrings: true });
  const crowd: Connection[] = [];
  const figures: Figure[] = [];
  const input = { clusterId: 'bench', tenantId: 'main' };
  try {
    for (const level of LEVELS) {
      crowd.push(...(await openCrowd(url, crowdAccount, level - crowd.length)));
      const http: number[] = [];
      const direct: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < WARMUP + SAMPLES; i++) {
        const a = await timed(() => sidecar.query('sessions.list', input));
        const b = await timed(() => raw.query(statement));
        const c = await timed(() => fetch(`${sidecar.url}/healthz`).then((r) => r.text()));
        if (i < WARMUP) continue;
        http.push(a);
        direct.push(b);
        floor.push(c);
      }
      const section = `list overhead @ ${level.toLocaleString('en-US')} connections`;
      const ratio = p50(http) / p50(direct);
      const overFloor = p50(http) / (p50(direct) + p50(floor));
      figures.push(
        {
          section,
          name: 'sessions.list over HTTP p50 / p95',
          value: `${round(p50(http))} / ${round(p95(http))}`,
          unit: 'ms',
        },
        {
          section,
          name: 'raw mysql2 processlist query p50 / p95',
          value: `${round(p50(direct))} / ${round(p95(direct))}`,
          unit: 'ms',
        },
        {
          section,
          name: 'bare HTTP round trip (/healthz) p50',
          value: round(p50(floor)),
          unit: 'ms',
        },
        {
          section,
          name: 'sessions.list p50 / (raw p50 + bare round trip p50)',
          value: round(overFloor),
          unit: '×',
          ...(level === 1000 ? { target: { max: 1.25, text: '≤ 1.25' } } : {}),
          note: `the sidecar's own share: ${round(p50(http) - p50(direct) - p50(floor))} ms`,
        },
        {
          section,
          name: "ratio of p50s (HTTP / raw), the first round's figure",
          value: round(ratio),
          unit: '×',
          note: `p95 ratio ${round(p95(http) / p95(direct))}; its ≤ 1.3 sat below one HTTP round trip on a 2-core machine`,
        },
      );
      process.stdout.write(
        `  list overhead at ${level}: ${round(overFloor)} × (raw + round trip), ${round(ratio)} × raw\n`,
      );
    }
  } finally {
    closeAll(crowd);
    raw.destroy();
  }
  return figures;
};
