import { digestSample } from '../digest/digest';
import { normaliseStatement } from '../digest/normalise';
import { groupValueOf } from '../listing/groups';
import { compareText } from '../listing/sort';
import type { GroupBy, Session } from '../sessions';
import type { SessionCounts, SessionGroup } from '../stats';

type Tally = SessionGroup & { statement: string | null };

const tallyOf = (value: string | null): Tally => ({
  value,
  total: 0,
  active: 0,
  maxActiveSeconds: null,
  statement: null,
});

const count = (tallies: Map<string | null, Tally>, value: string | null, session: Session) => {
  let tally = tallies.get(value);
  if (!tally) {
    tally = tallyOf(value);
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
const byWeight = (a: SessionGroup, b: SessionGroup): number =>
  b.active - a.active ||
  b.total - a.total ||
  (a.value === null ? (b.value === null ? 0 : 1) : b.value === null ? -1 : compareText(a.value, b.value)) ||
  (a.value === null || b.value === null ? 0 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

const rowsOf = (tallies: Map<string | null, Tally>, withSample: boolean): SessionGroup[] =>
  [...tallies.values()]
    .map(({ statement, ...group }) =>
      withSample
        ? { ...group, sample: statement === null ? null : digestSample(normaliseStatement(statement)) }
        : group,
    )
    .sort(byWeight);

const KINDS: GroupBy[] = ['user', 'source', 'database', 'sql'];

/**
 * The Session Statistics of a tenant's sessions (docs/api.md, "sessions.stats"): counts before any
 * filter, the longest ACTIVE session, and the rows by user, by client host, by database and by
 * statement, over ACTIVE sessions only with `activeOnly`. A session counts in the row whose value
 * `groupValueOf` gives it: the `group` filter of a list keeps exactly those sessions. By SQL rows
 * carry a sample: the normalised text of the first of their statements (as the snapshot holds it).
 */
export const statisticsOf = (
  sessions: readonly Session[],
  { activeOnly }: { activeOnly: boolean },
): SessionCounts => {
  const tallies = KINDS.map(() => new Map<string | null, Tally>());
  let active = 0;
  let longest: number | null = null;
  for (const s of sessions) {
    const isActive = s.status === 'ACTIVE';
    if (isActive) {
      active++;
      if (longest === null || s.timeSeconds > longest) longest = s.timeSeconds;
    } else if (activeOnly) continue;
    for (let k = 0; k < KINDS.length; k++)
      count(tallies[k] as Map<string | null, Tally>, groupValueOf(KINDS[k] as GroupBy, s), s);
  }
  const [byUser, bySource, byDatabase, bySql] = tallies as [
    Map<string | null, Tally>,
    Map<string | null, Tally>,
    Map<string | null, Tally>,
    Map<string | null, Tally>,
  ];
  return {
    counts: { all: sessions.length, active },
    longestActiveSeconds: longest,
    byUser: rowsOf(byUser, false),
    bySource: rowsOf(bySource, false),
    byDatabase: rowsOf(byDatabase, false),
    bySql: rowsOf(bySql, true),
  };
};
