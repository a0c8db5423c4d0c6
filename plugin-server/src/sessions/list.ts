import type { ListQuery, Session, SessionPage, SortColumn } from '@tenant-sessions/contracts';
import type { Snapshot } from './snapshot';

/** Case-insensitive substring, taken literally: `%`, `_` and `\` match themselves. */
const contains = (value: string | null, needle: string | undefined): boolean =>
  !needle || (value?.toLocaleLowerCase('en-US').includes(needle.toLocaleLowerCase('en-US')) ?? false);

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const compareIds = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const NULLABLE = new Set<SortColumn>(['database', 'observer']);

/** Compares two sessions on one column (never null values). */
const compareOn = (column: SortColumn, a: Session, b: Session): number => {
  if (column === 'id') return compareIds(a.id, b.id);
  if (column === 'timeSeconds') return a.timeSeconds - b.timeSeconds;
  return collator.compare(a[column] ?? '', b[column] ?? '');
};

/** Sorts on the column asked for (nulls last either way), then by id, so that paging is stable. */
export const sortSessions = (sessions: Session[], { column, direction }: ListQuery['sort']): Session[] => {
  const sign = direction === 'asc' ? 1 : -1;
  return [...sessions].sort((a, b) => {
    if (NULLABLE.has(column)) {
      const aNull = a[column as 'database' | 'observer'] === null;
      const bNull = b[column as 'database' | 'observer'] === null;
      if (aNull !== bNull) return aNull ? 1 : -1;
    }
    return sign * compareOn(column, a, b) || compareIds(a.id, b.id);
  });
};

/** Filters, sort and paging of API.md applied in memory to one snapshot (cut to a bound or not). */
export const pageOf = (snapshot: Snapshot & { truncated?: boolean }, query: ListQuery): SessionPage => {
  const { sessions } = snapshot;
  const matching = sessions.filter(
    (s) =>
      (!query.activeOnly || s.status === 'ACTIVE') &&
      contains(s.user, query.user) &&
      contains(s.source, query.source) &&
      contains(s.database, query.database),
  );
  const start = query.pageIndex * query.pageSize;
  return {
    rows: sortSessions(matching, query.sort).slice(start, start + query.pageSize),
    total: matching.length,
    counts: { all: sessions.length, active: sessions.filter((s) => s.status === 'ACTIVE').length },
    capturedAt: snapshot.capturedAt,
    dialect: snapshot.dialect,
    visibility: snapshot.visibility,
    serverVersion: snapshot.serverVersion,
    truncated: snapshot.truncated ?? false,
  };
};
