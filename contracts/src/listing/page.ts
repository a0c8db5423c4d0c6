import type { ListQuery, Session, SessionPage } from '../sessions';
import { sessionFilter } from './filter';
import { sortSessions } from './sort';

/** What a list call computes from a tenant's sessions; the snapshot's own fields go beside it. */
export type ListedPage<S extends Session = Session> = Pick<SessionPage, 'total' | 'counts'> & {
  rows: S[];
};

/**
 * The filters, sort and paging of docs/api.md applied in memory to a tenant's sessions: `counts`
 * are taken before any filter (`activeOnly` included), `total` after them, `rows` are one page.
 */
export const listPage = <S extends Session>(sessions: readonly S[], query: ListQuery): ListedPage<S> => {
  const keep = sessionFilter(query);
  const matching: S[] = [];
  let active = 0;
  for (const s of sessions) {
    if (s.status === 'ACTIVE') active++;
    if (keep(s)) matching.push(s);
  }
  const start = query.pageIndex * query.pageSize;
  return {
    rows: sortSessions(matching, query.sort, query.blockers === true).slice(start, start + query.pageSize),
    total: matching.length,
    counts: { all: sessions.length, active },
  };
};

/**
 * `listPage` over sessions already in the order of the query's sort (`sortedFor`): the same
 * answer, without sorting again. For callers that keep one order per snapshot (the sidecar, where
 * many lists of one snapshot share it): filtering keeps the order, so only one page is cut.
 */
export const listSorted = <S extends Session>(
  sessions: readonly S[],
  sorted: readonly S[],
  query: ListQuery,
): ListedPage<S> => {
  const keep = sessionFilter(query);
  const start = query.pageIndex * query.pageSize;
  const end = start + query.pageSize;
  const rows: S[] = [];
  let total = 0;
  for (const s of sorted)
    if (keep(s)) {
      if (total >= start && total < end) rows.push(s);
      total++;
    }
  let active = 0;
  for (const s of sessions) if (s.status === 'ACTIVE') active++;
  return { rows, total, counts: { all: sessions.length, active } };
};

/** The order `listSorted` takes: every session in the query's sort (and blockers-first when asked). */
export const sortedFor = <S extends Session>(
  sessions: readonly S[],
  query: Pick<ListQuery, 'sort' | 'blockers'>,
): S[] => sortSessions(sessions, query.sort, query.blockers === true);
