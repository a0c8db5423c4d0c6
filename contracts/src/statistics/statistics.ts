import { digestSample } from '../digest/digest';
import { normaliseStatement } from '../digest/normalise';
import { LIMITS } from '../limits';
import { groupValueOf } from '../listing/groups';
import { compareText } from '../listing/sort';
import { containsFolded, foldCase } from '../listing/text';
import type { GroupBy, Session } from '../sessions';
import type { GroupTotals, SessionCounts, SessionGroup, StatsQuery, TopBlocker } from '../stats';

type Tally = {
  value: string | null;
  total: number;
  active: number;
  maxActiveSeconds: number | null;
  /** The first statement text of the row (By SQL), and its sample once one was asked for. */
  statement: string | null;
  sample: string | null | undefined;
};

const count = (tallies: Map<string | null, Tally>, value: string | null, session: Session) => {
  let tally = tallies.get(value);
  if (!tally) {
    tally = { value, total: 0, active: 0, maxActiveSeconds: null, statement: null, sample: undefined };
    tallies.set(value, tally);
  }
  tally.total++;
  if (session.status === 'ACTIVE') {
    tally.active++;
    if (tally.maxActiveSeconds === null || session.timeSeconds > tally.maxActiveSeconds)
      tally.maxActiveSeconds = session.timeSeconds;
  }
  if (tally.statement === null && session.sqlPreview !== null) tally.statement = session.sqlPreview;
};

/** The top rows first: most active, then most sessions, then by value (the "none" row last). */
const byWeight = (a: Tally, b: Tally): number =>
  b.active - a.active ||
  b.total - a.total ||
  (a.value === null ? (b.value === null ? 0 : 1) : b.value === null ? -1 : compareText(a.value, b.value)) ||
  (a.value === null || b.value === null ? 0 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

/** The top blockers first: most sessions waiting, then the oldest transaction (none last), then by key. */
const byBlocking = (a: Session, b: Session): number =>
  b.blocking - a.blocking ||
  (a.transactionSeconds === null
    ? b.transactionSeconds === null
      ? 0
      : 1
    : b.transactionSeconds === null
      ? -1
      : b.transactionSeconds - a.transactionSeconds) ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The first `n` of `rows` in `order`, without sorting them all: one comparison with the last kept
 * row rejects most, and a kept row is inserted where it belongs. Both orders are total (values,
 * and keys, are distinct), so the rows are exactly the first `n` of the full sort.
 */
const firstOf = <T>(rows: T[], n: number, order: (a: T, b: T) => number): T[] => {
  if (rows.length <= n * 4) return [...rows].sort(order).slice(0, n);
  const kept: T[] = [];
  for (const row of rows) {
    if (kept.length === n && order(row, kept[n - 1] as T) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order(kept[middle] as T, row) <= 0) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, row);
    if (kept.length > n) kept.pop();
  }
  return kept;
};

/**
 * Samples made lately, by statement text: a statement that runs on, or again, in the next
 * snapshot is normalised once. Two generations of at most SAMPLE_MEMO texts (256 characters
 * each at most): a text used in the last generation moves to the current one.
 */
const SAMPLE_MEMO = 8192;
let samples = new Map<string, string>();
let older = new Map<string, string>();

const sampleOfText = (statement: string): string => {
  let sample = samples.get(statement);
  if (sample !== undefined) return sample;
  sample = older.get(statement) ?? digestSample(normaliseStatement(statement));
  if (samples.size >= SAMPLE_MEMO) {
    older = samples;
    samples = new Map();
  }
  samples.set(statement, sample);
  return sample;
};

const sampleOf = (tally: Tally): string | null => {
  if (tally.sample === undefined)
    tally.sample = tally.statement === null ? null : sampleOfText(tally.statement);
  return tally.sample;
};

const KINDS: GroupBy[] = ['user', 'source', 'database', 'sql'];
const FIELDS = { user: 'byUser', source: 'bySource', database: 'byDatabase', sql: 'bySql' } as const;

/**
 * The Session Statistics of a tenant's sessions (docs/api.md, "sessions.stats"), counted once:
 * counts before any filter, the longest ACTIVE session, and the rows by user, by client host, by
 * database and by statement, over ACTIVE sessions only with `activeOnly`. A session counts in the
 * row whose value `groupValueOf` gives it: the `group` filter of a list keeps exactly those
 * sessions. By SQL rows carry a sample: the normalised text of the first of their statements (as
 * the snapshot holds it), made only for the rows an answer shows (or a search reads). Lock waits
 * (`waiting`, `topBlockers`) are over every session, `activeOnly` or not: a blocker is usually a
 * sleeping session that has not committed, and "active only" would hide the very one to close.
 */
export class SessionStatistics {
  readonly counts: { all: number; active: number };
  readonly longestActiveSeconds: number | null;
  /** Sessions waiting for a lock (a non-empty `blockedBy`). */
  readonly waiting: number;
  /** The sessions most others wait on, at most LIMITS.statsTopBlockers, most blocking first. */
  readonly topBlockers: TopBlocker[];
  readonly #rows: Record<GroupBy, Tally[]>;
  readonly #sorted: Partial<Record<GroupBy, SessionGroup[]>> = {};
  #top: (SessionCounts & { groupTotals: GroupTotals }) | undefined;

  constructor(sessions: readonly Session[], { activeOnly }: { activeOnly: boolean }) {
    const users = new Map<string | null, Tally>();
    const sources = new Map<string | null, Tally>();
    const databases = new Map<string | null, Tally>();
    const statements = new Map<string | null, Tally>();
    let active = 0;
    let longest: number | null = null;
    let waiting = 0;
    const blockers: Session[] = [];
    for (const s of sessions) {
      if (s.blockedBy.length > 0) waiting++;
      if (s.blocking > 0) blockers.push(s);
      if (s.status === 'ACTIVE') {
        active++;
        if (longest === null || s.timeSeconds > longest) longest = s.timeSeconds;
      } else if (activeOnly) continue;
      count(users, groupValueOf('user', s), s);
      count(sources, groupValueOf('source', s), s);
      count(databases, groupValueOf('database', s), s);
      count(statements, groupValueOf('sql', s), s);
    }
    this.counts = { all: sessions.length, active };
    this.longestActiveSeconds = longest;
    this.waiting = waiting;
    this.topBlockers = firstOf(blockers, LIMITS.statsTopBlockers, byBlocking).map(blockerOf);
    this.#rows = {
      user: [...users.values()],
      source: [...sources.values()],
      database: [...databases.values()],
      sql: [...statements.values()],
    };
  }

  /** Every row of a grouping, the top rows first (what the CSV export writes). */
  all(by: GroupBy): SessionGroup[] {
    let sorted = this.#sorted[by];
    if (!sorted) {
      sorted = [...this.#rows[by]].sort(byWeight).map((tally) => groupOf(by, tally));
      this.#sorted[by] = sorted;
    }
    return sorted;
  }

  /**
   * The first `n` rows of a grouping, and how many it has: with `search`, of the rows whose value
   * (By SQL: or sample) contains it, case-insensitively.
   */
  top(by: GroupBy, n: number, search = ''): { rows: SessionGroup[]; total: number } {
    const needle = foldCase(search.trim());
    let rows = this.#rows[by];
    if (needle !== '')
      rows = rows.filter(
        (tally) =>
          containsFolded(tally.value, needle) ||
          (by === 'sql' && tally.value !== null && containsFolded(sampleOf(tally), needle)),
      );
    return { rows: firstOf(rows, n, byWeight).map((tally) => groupOf(by, tally)), total: rows.length };
  }

  /** A `sessions.stats` answer's counts: each grouping's top rows (its search applied), and their totals. */
  answer(search: StatsQuery['search'] = {}): SessionCounts & { groupTotals: GroupTotals } {
    const plain = KINDS.every((by) => !search[by]?.trim());
    if (plain && this.#top) return this.#top;
    const answer = {
      counts: this.counts,
      longestActiveSeconds: this.longestActiveSeconds,
      waiting: this.waiting,
      topBlockers: this.topBlockers,
      groupTotals: { byUser: 0, bySource: 0, byDatabase: 0, bySql: 0 },
    } as SessionCounts & { groupTotals: GroupTotals };
    for (const by of KINDS) {
      const { rows, total } = this.top(by, LIMITS.statsTopRows, search[by]);
      answer[FIELDS[by]] = rows;
      answer.groupTotals[FIELDS[by]] = total;
    }
    if (plain) this.#top = answer;
    return answer;
  }
}

const blockerOf = ({ key, id, user, source, blocking, transactionSeconds }: Session): TopBlocker => ({
  key,
  id,
  user,
  source,
  blocking,
  transactionSeconds,
});

const groupOf = (by: GroupBy, tally: Tally): SessionGroup => {
  const { value, total, active, maxActiveSeconds } = tally;
  return by === 'sql'
    ? { value, total, active, maxActiveSeconds, sample: sampleOf(tally) }
    : { value, total, active, maxActiveSeconds };
};

/** Every row of every grouping (SessionStatistics over `sessions`, each grouping whole). */
export const statisticsOf = (
  sessions: readonly Session[],
  options: { activeOnly: boolean },
): SessionCounts => {
  const statistics = new SessionStatistics(sessions, options);
  return {
    counts: statistics.counts,
    longestActiveSeconds: statistics.longestActiveSeconds,
    waiting: statistics.waiting,
    topBlockers: statistics.topBlockers,
    byUser: statistics.all('user'),
    bySource: statistics.all('source'),
    byDatabase: statistics.all('database'),
    bySql: statistics.all('sql'),
  };
};

/** A `sessions.stats` answer's counts over `sessions` (the demo's and tests' sidecars; the sidecar keeps its SessionStatistics per snapshot). */
export const statsCountsOf = (
  sessions: readonly Session[],
  query: Pick<StatsQuery, 'activeOnly' | 'search'>,
): SessionCounts & { groupTotals: GroupTotals } =>
  new SessionStatistics(sessions, query).answer(query.search);
