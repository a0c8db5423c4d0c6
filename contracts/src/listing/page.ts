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
