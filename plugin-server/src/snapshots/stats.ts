import { type SessionStats, type StatsQuery, statisticsOf } from '@tenant-sessions/contracts';
import type { BoundedSnapshot } from './store';

/**
 * sessions.stats: the counts and groups of the contract's `statisticsOf` (the same rule as the
 * list's `group` filter, so a count and its drill-down agree) over one snapshot, with the
 * snapshot's own fields beside them. No read of its own: the list's snapshot serves both.
 */
export const statsOf = (snapshot: BoundedSnapshot, query: StatsQuery): SessionStats => ({
  ...statisticsOf(snapshot.sessions, { activeOnly: query.activeOnly }),
  capturedAt: snapshot.capturedAt,
  dialect: snapshot.dialect,
  visibility: snapshot.visibility,
  truncated: snapshot.truncated,
});
