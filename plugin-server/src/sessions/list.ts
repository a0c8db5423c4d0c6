import type { ListQuery, Session, SessionPage, SortColumn } from '@tenant-sessions/contracts';
import type { Snapshot } from '../snapshots/read';

/**
 * Lowercase, with the Greek final sigma (which toLowerCase gives a word-final Σ) folded to σ, so
 * that "ΟΔΟΣ" finds "ΟΔΟΣΑ". en-US has no case tailoring, so toLowerCase equals
 * toLocaleLowerCase('en-US'), and it answers an already lowercase value itself instead of a new
 * string per session.
 */
const fold = (text: string): string => {
  const lower = text.toLowerCase();
  return lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower;
};

/** A search term as `contains` takes it: folded once per call, not once per session. */
const needleOf = (term: string | undefined): string | undefined => (term ? fold(term) : undefined);

/** Case-insensitive substring of a folded needle, taken literally: `%`, `_` and `\` match themselves. */
const contains = (value: string | null, needle: string | undefined): boolean =>
  !needle || (value !== null && fold(value).includes(needle));

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
  const user = needleOf(query.user);
  const source = needleOf(query.source);
  const database = needleOf(query.database);
  const matching: Session[] = [];
  let active = 0;
  for (const s of sessions) {
    if (s.status === 'ACTIVE') active++;
    else if (query.activeOnly) continue;
    if (contains(s.user, user) && contains(s.source, source) && contains(s.database, database))
      matching.push(s);
  }
  const start = query.pageIndex * query.pageSize;
  return {
    rows: sortSessions(matching, query.sort).slice(start, start + query.pageSize),
    total: matching.length,
    counts: { all: sessions.length, active },
    capturedAt: snapshot.capturedAt,
    dialect: snapshot.dialect,
    visibility: snapshot.visibility,
    serverVersion: snapshot.serverVersion,
    truncated: snapshot.truncated ?? false,
    ...(snapshot.locks ? { locks: snapshot.locks } : {}),
  };
};
