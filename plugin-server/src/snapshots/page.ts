import {
  type ListQuery,
  listSorted,
  type Session,
  type SessionPage,
  sortedFor,
} from '@tenant-sessions/contracts';
import type { Snapshot } from './read';

/**
 * The orders already made of a snapshot's sessions, by sort: a snapshot answers many lists (every
 * operator, every watcher, within its freshness), and sorting 10,000 sessions for each of them
 * was most of a list call's own cost. Kept as long as the snapshot's sessions are.
 */
const orders = new WeakMap<readonly Session[], Map<string, Session[]>>();

const sortedOf = (sessions: readonly Session[], query: ListQuery): Session[] => {
  let bySort = orders.get(sessions);
  if (!bySort) {
    bySort = new Map();
    orders.set(sessions, bySort);
  }
  const key = `${query.sort.column} ${query.sort.direction}${query.blockers ? ' blockers' : ''}`;
  let sorted = bySort.get(key);
  if (!sorted) {
    sorted = sortedFor(sessions, query);
    bySort.set(key, sorted);
  }
  return sorted;
};

/**
 * One page of a snapshot (cut to a bound or not): the contract's filters, sort and paging
 * (`listSorted`, the same answer as the demo's `listPage`) over the snapshot's sessions in the
 * query's order, made once per snapshot and sort, with the snapshot's own fields beside them.
 */
export const pageOf = (snapshot: Snapshot & { truncated?: boolean }, query: ListQuery): SessionPage => {
  const { rows, total, counts } = listSorted(snapshot.sessions, sortedOf(snapshot.sessions, query), query);
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
