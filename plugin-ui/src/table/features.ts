import {
  columnFilteringFeature,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { KillKind, Session } from '@tenant-sessions/contracts';
import type { Formatters } from '../format';

/** The columns whose header carries a search box, by the ListInput field each one fills. */
export type SearchField = 'user' | 'source' | 'database';

export type SessionsColumnMeta = { search?: SearchField; numeric?: boolean; mono?: boolean };

/** What cells need from the tab around them. */
export type SessionsTableMeta = {
  fmt: Formatters;
  /** Null when the operator may close sessions here; otherwise why not, in words. */
  killRefused: string | null;
  onViewSql: (session: Session) => void;
  onClose: (session: Session, kind: KillKind) => void;
};

/**
 * Sorting, paging and column filters are state only: the sidecar does the processing
 * (manualSorting / manualPagination / manualFiltering), so no client row models are registered.
 */
export const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnFilteringFeature,
  columnMeta: {} as SessionsColumnMeta,
  tableMeta: {} as SessionsTableMeta,
});
export type Features = typeof features;
