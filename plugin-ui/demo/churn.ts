import { type DemoSession, makeSession } from './fixtures';

/** A visitor session connects every VISIT_MS and stays VISITS_LIVE × VISIT_MS (then leaves). */
export const VISIT_MS = 4000;
export const VISITS_LIVE = 3;

const SQL = [
  "SELECT sku_id, stock FROM inventory WHERE warehouse_id = 'HZ-03' AND stock < 10",
  'UPDATE orders SET status = ? WHERE order_id = ?',
  null,
];

/**
 * Sessions that come and go with the clock, so a live tab has something to follow in the demo:
 * each VISIT_MS one connects (some running a statement, some idle) and VISITS_LIVE periods later
 * it disconnects. Deterministic: the same clock gives the same visitors.
 */
export class Churn {
  /** Visits already let in, so one that was closed does not come back. */
  readonly #seen = new Set<number>();

  /** `rows` with the visits of `now` come in and the ended ones gone. */
  apply(rows: DemoSession[], now: number): DemoSession[] {
    const current = Math.floor(now / VISIT_MS);
    const kept = rows.filter((s) => {
      const visit = visitOf(s);
      return visit === null || visit > current - VISITS_LIVE;
    });
    for (let visit = current - VISITS_LIVE + 1; visit <= current; visit += 1) {
      if (this.#seen.has(visit)) continue;
      this.#seen.add(visit);
      kept.push(visitor(visit, now));
    }
    return kept;
  }
}

const VISITOR_BASE = 3_300_000_000;
const visitOf = (s: DemoSession): number | null =>
  s.user === 'app_visitor' ? Number(s.id) - VISITOR_BASE : null;

function visitor(visit: number, now: number): DemoSession {
  const sql = SQL[visit % SQL.length] ?? null;
  return makeSession(
    {
      id: String(VISITOR_BASE + visit),
      user: 'app_visitor',
      source: `10.2.8.${(visit % 200) + 20}:${41000 + (visit % 9000)}`,
      observer: visit % 2 ? '10.0.1.12:2882' : '10.0.1.11:2882',
      obproxy: '10.0.1.20:2883',
      database: 'trade',
      sql,
    },
    now,
    Math.max(0, (now - visit * VISIT_MS) / 1000),
  );
}
