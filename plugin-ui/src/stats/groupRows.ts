import { foldCase, type SessionGroup } from '@tenant-sessions/contracts';

/** Where each table's rows, and how many it has in all (`groupTotals`), stand in an answer. */
export const GROUP_FIELDS = {
  user: 'byUser',
  source: 'bySource',
  database: 'byDatabase',
  sql: 'bySql',
} as const;

/** What a statistics table sorts by. */
export type GroupSortKey = 'value' | 'active' | 'total' | 'maxActiveSeconds';
export type GroupSort = { key: GroupSortKey; desc: boolean };

/** The sidecar's own order: active desc, then total desc, then value. */
export const DEFAULT_GROUP_SORT: GroupSort = { key: 'active', desc: true };

/** Nulls (no value, none active) last in either direction. */
const compare = (a: SessionGroup, b: SessionGroup, key: GroupSortKey): number => {
  const x = a[key];
  const y = b[key];
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y));
};

/**
 * The rows of one statistics table as shown: those whose value (or, By SQL, normalised
 * statement) contains `search`, case-insensitively, in `sort` order; ties keep the sidecar's
 * order (a stable sort over it), so the top rows stay first.
 */
export function groupRows(rows: SessionGroup[], search: string, sort: GroupSort): SessionGroup[] {
  const needle = foldCase(search.trim());
  const kept = needle
    ? rows.filter(
        (row) =>
          (row.value !== null && foldCase(row.value).includes(needle)) ||
          (row.sample != null && foldCase(row.sample).includes(needle)),
      )
    : rows;
  if (sort.key === DEFAULT_GROUP_SORT.key && sort.desc === DEFAULT_GROUP_SORT.desc) return kept;
  const sign = sort.desc ? -1 : 1;
  return kept
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const byKey = compare(a.row, b.row, sort.key);
      if (byKey === 0) return a.index - b.index;
      const nullLast = a.row[sort.key] === null || b.row[sort.key] === null;
      return nullLast ? byKey : sign * byKey;
    })
    .map(({ row }) => row);
}
