import type { Connection, RowDataPacket } from 'mysql2/promise';
import { type Account, closeAll, openCrowd } from './database';
import type { Figure } from './report';
import type { BenchSidecar } from './sidecar';
import { p50, round, sleep, timed } from './stats';

const VICTIMS = 1000;
const ROUNDS = 5;
const WARMUP_ROUNDS = 1;
const PER_CALL = 100;

type Preview = {
  matched: number;
  sessions: Array<{ key: string }>;
  expected: Record<string, { user: string; source: string }>;
};
type Report = { results: Array<{ outcome: string }> };

const stillThere = async (admin: Connection, ids: string[]): Promise<number> => {
  const [rows] = await admin.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
  return Number(rows[0]?.n ?? 0);
};

/**
 * A close by filter of 1,000 real sessions as the tab does it (README, "Close by filter from a
 * script"): sessions.preview of the filter, then the previewed keys with their `expected` in 10
 * sessions.kill calls of 100, one after the other (each answers once its sessions are gone), the
 * audit on disk; against 1,000 `KILL ?` sent one by one on one connection and then waiting until
 * all are gone. Rounds alternate; the first of each is a warm-up, checked but not timed.
 */
export const closingByFilter = async (
  url: string,
  admin: Connection,
  victims: Account,
  sidecar: BenchSidecar,
): Promise<Figure[]> => {
  const section = `closing ${VICTIMS} sessions by filter (preview + ${VICTIMS / PER_CALL} calls), audit on disk`;
  const viaSidecar: number[] = [];
  const previews: number[] = [];
  const raw: number[] = [];
  let allKilled = true;
  let allGone = true;
  let exact = true;
  for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
    const counted = r >= WARMUP_ROUNDS;
    let crowd = await openCrowd(url, victims, VICTIMS);
    let ids = crowd.map((c) => String(c.threadId));
    const filter = { user: victims.user };
    let outcomes: string[] = [];
    let previewMs = 0;
    const took = await timed(async () => {
      const started = process.hrtime.bigint();
      const preview = await sidecar.query<Preview>('sessions.preview', {
        clusterId: 'bench',
        tenantId: 'main',
        ...filter,
        limit: VICTIMS,
      });
      previewMs = Number(process.hrtime.bigint() - started) / 1e6;
      exact &&= preview.matched === VICTIMS && preview.sessions.length === VICTIMS;
      const keys = preview.sessions.map((s) => s.key);
      const chunks: string[][] = [];
      for (let i = 0; i < keys.length; i += PER_CALL) chunks.push(keys.slice(i, i + PER_CALL));
      let next = 0;
      // As the tab sends them (selection/useBulkClose.ts, CALLS_IN_FLIGHT): one after the other.
      const worker = async () => {
        while (next < chunks.length) {
          const sessionKeys = chunks[next++] as string[];
          const expected = Object.fromEntries(sessionKeys.map((k) => [k, preview.expected[k]]));
          const report = await sidecar.mutate<Report>('sessions.kill', {
            clusterId: 'bench',
            tenantId: 'main',
            sessionKeys,
            expected,
            filter,
          });
          outcomes = outcomes.concat(report.results.map((x) => x.outcome));
        }
      };
      await worker();
    });
    if (counted) {
      viaSidecar.push(took);
      previews.push(previewMs);
    }
    allKilled &&= outcomes.length === VICTIMS && outcomes.every((o) => o === 'killed');
    allGone &&= (await stillThere(admin, ids)) === 0;
    closeAll(crowd);

    crowd = await openCrowd(url, victims, VICTIMS);
    ids = crowd.map((c) => String(c.threadId));
    const started = process.hrtime.bigint();
    for (const id of ids) await admin.query('KILL ?', [id]);
    while ((await stillThere(admin, ids)) > 0) await sleep(5);
    if (counted) raw.push(Number(process.hrtime.bigint() - started) / 1e6);
    closeAll(crowd);
  }
  return [
    {
      section,
      name: 'preview + 10 sessions.kill calls (each answers once gone) p50',
      value: round(p50(viaSidecar)),
      unit: 'ms',
    },
    { section, name: 'of which sessions.preview p50', value: round(p50(previews)), unit: 'ms' },
    {
      section,
      name: '1,000 raw KILLs on one connection, then until all are gone p50',
      value: round(p50(raw)),
      unit: 'ms',
    },
    {
      section,
      name: 'ratio by filter / raw KILLs until gone',
      value: round(p50(viaSidecar) / p50(raw)),
      unit: '×',
      target: { max: 1.5, text: '≤ 1.5' },
    },
    {
      section,
      name: 'preview exact, all killed and gone (every round)',
      value: exact && allKilled && allGone ? 'yes' : 'NO',
      unit: '',
    },
  ];
};
