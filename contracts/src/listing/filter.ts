import type { ListQuery, Session } from '../sessions';
import { groupValueOf, sqlKeyOf } from './groups';
import { containsFolded, foldCase } from './text';

/** The filters of a list query (its sort and paging aside). */
export type SessionFilters = Pick<
  ListQuery,
  'activeOnly' | 'user' | 'source' | 'database' | 'sessionId' | 'sql' | 'sqlId' | 'group' | 'blockers'
>;

type Test = (session: Session) => boolean;

/**
 * One test for all the filters of a query (docs/api.md, "List filters"), each needle folded once
 * per call, not once per session: user, source and database are case-insensitive substrings, SQL
 * a case-insensitive substring of the current statement, session id a substring of the digits,
 * SQL ID exact but case-insensitive, group an exact match on the statistics row's value, blockers
 * the sessions others wait on.
 */
export const sessionFilter = (filters: SessionFilters): Test => {
  const tests: Test[] = [];
  if (filters.activeOnly) tests.push((s) => s.status === 'ACTIVE');
  if (filters.user) {
    const needle = foldCase(filters.user);
    tests.push((s) => containsFolded(s.user, needle));
  }
  if (filters.source) {
    const needle = foldCase(filters.source);
    tests.push((s) => containsFolded(s.source, needle));
  }
  if (filters.database) {
    const needle = foldCase(filters.database);
    tests.push((s) => containsFolded(s.database, needle));
  }
  if (filters.sessionId) {
    const digits = filters.sessionId;
    tests.push((s) => s.id.includes(digits));
  }
  if (filters.sql) {
    const needle = foldCase(filters.sql);
    tests.push((s) => containsFolded(s.sqlPreview, needle));
  }
  if (filters.sqlId) {
    const wanted = filters.sqlId.toLowerCase();
    tests.push((s) => sqlKeyOf(s)?.toLowerCase() === wanted);
  }
  if (filters.group) {
    const { by, value } = filters.group;
    tests.push((s) => groupValueOf(by, s) === value);
  }
  if (filters.blockers) tests.push((s) => (s.blocking ?? 0) > 0);
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0] as Test;
  return (s) => {
    for (const test of tests) if (!test(s)) return false;
    return true;
  };
};
