import type { Session, Sort, SortColumn } from '../sessions';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Orders two session ids (decimal digits) as the unsigned 64-bit integers they are: digit strings
 * of one length compare as text; of two lengths, the longer is larger unless a leading zero
 * pads it, which BigInt settles.
 */
export const compareSessionIds = (a: string, b: string): number => {
  if (a.length === b.length) return a < b ? -1 : a > b ? 1 : 0;
  if (a[0] !== '0' && b[0] !== '0') return a.length - b.length;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Orders two texts as the list does: case- and accent-insensitive, digits by their number. */
export const compareText = (a: string, b: string): number => collator.compare(a, b);

const NULLABLE = new Set<SortColumn>(['database', 'observer', 'transactionSeconds']);

type NullableColumn = 'database' | 'observer' | 'transactionSeconds';

/** Compares two sessions on one column (never null values). */
const compareOn = (column: SortColumn, a: Session, b: Session): number => {
  if (column === 'id') return compareSessionIds(a.id, b.id);
  if (column === 'timeSeconds') return a.timeSeconds - b.timeSeconds;
  if (column === 'transactionSeconds') return (a.transactionSeconds ?? 0) - (b.transactionSeconds ?? 0);
  if (column === 'blocking') return (a.blocking ?? 0) - (b.blocking ?? 0);
  return collator.compare(a[column] ?? '', b[column] ?? '');
};

/**
 * Sorts on the column asked for (nulls last either way), then by id, so that paging is stable.
 * `blockersFirst` (the list's `blockers`): the most blocking first, the column deciding ties.
 */
export const sortSessions = <S extends Session>(
  sessions: readonly S[],
  { column, direction }: Sort,
  blockersFirst = false,
): S[] => {
  const sign = direction === 'asc' ? 1 : -1;
  const nullable = NULLABLE.has(column);
  return [...sessions].sort((a, b) => {
    if (blockersFirst) {
      const more = (b.blocking ?? 0) - (a.blocking ?? 0);
      if (more !== 0) return more;
    }
    if (nullable) {
      // Absent (an older sender) reads as null.
      const aNull = (a[column as NullableColumn] ?? null) === null;
      const bNull = (b[column as NullableColumn] ?? null) === null;
      if (aNull !== bNull) return aNull ? 1 : -1;
    }
    return sign * compareOn(column, a, b) || compareSessionIds(a.id, b.id);
  });
};
