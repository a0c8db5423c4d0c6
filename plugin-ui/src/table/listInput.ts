import type { ColumnFiltersState, PaginationState, SortingState } from '@tanstack/react-table';
import {
  type ListInput,
  SESSION_ID_PATTERN,
  type SortColumn,
  type TenantRef,
} from '@tenant-sessions/contracts';
import type { SearchField } from './features';

export const DEFAULT_SORTING: SortingState = [{ id: 'timeSeconds', desc: true }];
export const PAGE_SIZES = [10, 20, 50, 100, 200, 500, 1000] as const;

const SEARCH_FIELDS: readonly string[] = ['user', 'source', 'database'] satisfies SearchField[];

export type ListState = {
  sorting: SortingState;
  pagination: PaginationState;
  columnFilters: ColumnFiltersState;
  activeOnly: boolean;
  /** Only sessions that block others (the Blockers filter). */
  blockers?: boolean;
};

/** The table's state as the sidecar's `sessions.list` input: it sorts, filters and pages. */
export function toListInput(tenant: TenantRef, state: ListState): ListInput {
  const sort = state.sorting[0] ?? DEFAULT_SORTING[0];
  const input: ListInput = {
    clusterId: tenant.clusterId,
    tenantId: tenant.tenantId,
    activeOnly: state.activeOnly,
    sort: sort && { column: sort.id as SortColumn, direction: sort.desc ? 'desc' : 'asc' },
    pageIndex: state.pagination.pageIndex,
    pageSize: state.pagination.pageSize,
  };
  for (const filter of state.columnFilters) {
    const text = typeof filter.value === 'string' ? filter.value.trim() : '';
    if (text && SEARCH_FIELDS.includes(filter.id)) input[filter.id as SearchField] = text;
    // A Blocked by link filters on the id of the session it names (README, "Sessions and locks").
    if (filter.id === 'id' && SESSION_ID_PATTERN.test(text)) input.sessionId = text;
  }
  if (state.blockers) input.blockers = true;
  return input;
}
