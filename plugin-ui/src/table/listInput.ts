import type { ColumnFiltersState, PaginationState, SortingState } from '@tanstack/react-table';
import type { GroupFilter, ListInput, SortColumn, TenantRef } from '@tenant-sessions/contracts';
import type { SearchField } from './features';

export const DEFAULT_SORTING: SortingState = [{ id: 'timeSeconds', desc: true }];
export const PAGE_SIZES = [10, 20, 50, 100, 200, 500, 1000] as const;

/** The ListInput field each searchable column fills, by column id. */
const FIELD_OF_COLUMN: Readonly<Record<string, SearchField>> = {
  user: 'user',
  source: 'source',
  database: 'database',
  id: 'sessionId',
  sql: 'sql',
  sqlId: 'sqlId',
};
/** A session id search the contract takes: digits only (anything else is not sent). */
export const SESSION_ID_SEARCH = /^[0-9]{1,20}$/;
/** The searches a link reproduces (url/): those whose column id is their ListInput field. */
export const SEARCH_FIELDS: readonly string[] = ['user', 'source', 'database'] satisfies SearchField[];

export type ListState = {
  sorting: SortingState;
  pagination: PaginationState;
  columnFilters: ColumnFiltersState;
  activeOnly: boolean;
  /** A statistics count's drill-down (Session Statistics): exactly the sessions it counted. */
  group?: GroupFilter | null;
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
    const field = FIELD_OF_COLUMN[filter.id];
    if (!text || !field) continue;
    if (field === 'sessionId' && !SESSION_ID_SEARCH.test(text)) continue;
    input[field] = text;
  }
  if (state.group) input.group = state.group;
  if (state.blockers) input.blockers = true;
  return input;
}
