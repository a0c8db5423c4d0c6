import { type ListQuery, listPage, type SessionPage } from '@tenant-sessions/contracts';
import type { Snapshot } from './read';

/**
 * One page of a snapshot (cut to a bound or not): the contract's filters, sort and paging
 * (`listPage`, shared with the demo) with the snapshot's own fields beside them.
 */
export const pageOf = (snapshot: Snapshot & { truncated?: boolean }, query: ListQuery): SessionPage => {
  const { rows, total, counts } = listPage(snapshot.sessions, query);
  return {
    rows,
    total,
    counts,
    capturedAt: snapshot.capturedAt,
    dialect: snapshot.dialect,
    visibility: snapshot.visibility,
    serverVersion: snapshot.serverVersion,
    truncated: snapshot.truncated ?? false,
    ...(snapshot.locks ? { locks: snapshot.locks } : {}),
  };
};
