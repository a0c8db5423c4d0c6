import {
  type Session,
  SessionStatistics,
  type SessionStats,
  type StatsQuery,
} from '@tenant-sessions/contracts';
import type { BoundedSnapshot } from './store';

/**
 * The statistics already counted of a snapshot's sessions, all sessions first, ACTIVE ones only
 * second: a snapshot answers every operator's sessions.stats (and the CSV exports) within its
 * freshness, and counting 50,000 sessions for each of them was nearly all of a call's cost. Kept
 * as long as the snapshot's sessions are.
 */
const counted = new WeakMap<readonly Session[], [SessionStatistics?, SessionStatistics?]>();

/** The contract's SessionStatistics of a snapshot, counted once per snapshot and `activeOnly`. */
export const statisticsFor = (
  snapshot: Pick<BoundedSnapshot, 'sessions'>,
  activeOnly: boolean,
): SessionStatistics => {
  let both = counted.get(snapshot.sessions);
  if (!both) {
    both = [];
    counted.set(snapshot.sessions, both);
  }
  const slot = activeOnly ? 1 : 0;
  let statistics = both[slot];
  if (!statistics) {
    statistics = new SessionStatistics(snapshot.sessions, { activeOnly });
    both[slot] = statistics;
  }
  return statistics;
};

/**
 * sessions.stats: the counts and each grouping's top rows (the same rule as the list's `group`
 * filter, so a count and its drill-down agree) and the lock waits over one snapshot, with the
 * snapshot's own fields beside them (its `locks` as the list has it). No read of its own: the
 * list's snapshot serves both.
 */
export const statsOf = (snapshot: BoundedSnapshot, query: StatsQuery): SessionStats => ({
  ...statisticsFor(snapshot, query.activeOnly).answer(query.search),
  capturedAt: snapshot.capturedAt,
  dialect: snapshot.dialect,
  visibility: snapshot.visibility,
  truncated: snapshot.truncated,
  ...(snapshot.locks ? { locks: snapshot.locks } : {}),
});
