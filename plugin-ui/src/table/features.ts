import {
  columnFilteringFeature,
  columnOrderingFeature,
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { KillKind, Session } from '@tenant-sessions/contracts';
import type { Formatters } from '../format';
import type { MessageKey, Translate } from '../i18n/messages';
import type { ColumnLayout } from './useColumnLayout';

/** The columns whose header carries a search box, by the ListInput field each one fills. */
export type SearchField = 'user' | 'source' | 'database' | 'sessionId' | 'sql' | 'sqlId';
/** Searches that match the whole value (the others: contained in it). */
export const EXACT_SEARCHES: readonly SearchField[] = ['sqlId'];

/** A column title's catalog key. */
export type ColumnTitleKey = Extract<MessageKey, `column.${string}`>;

/** `title`: the catalog key of the column's title (its header, sort and search labels). */
export type SessionsColumnMeta = {
  title: ColumnTitleKey;
  search?: SearchField;
  numeric?: boolean;
  mono?: boolean;
};

/** What cells need from the tab around them. */
export type SessionsTableMeta = {
  fmt: Formatters;
  /** The catalog lookup of the active language. */
  t: Translate;
  /** Null when the operator may close sessions here; otherwise why not, in words. */
  killRefused: string | null;
  onViewSql: (session: Session) => void;
  onClose: (session: Session, kind: KillKind) => void;
  /** Shows who waits on a blocker, down the chain (locks/). */
  onLockChain?: (session: Session) => void;
  /** Opens the session's details panel (a row's click or Enter). */
  onDetails?: (session: Session) => void;
  /** The column menu's and the grid's side of the column layout (useSessionsTable adds it). */
  columns?: ColumnLayout;
};

/**
 * Column visibility and order are the column menu's (useColumnLayout.ts). Sorting, paging and
 * column filters are state only: the sidecar does the processing
 * (manualSorting / manualPagination / manualFiltering), so no client row models are registered.
 */
export const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnFilteringFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  rowSelectionFeature,
  columnMeta: {} as SessionsColumnMeta,
  tableMeta: {} as SessionsTableMeta,
});
export type Features = typeof features;
