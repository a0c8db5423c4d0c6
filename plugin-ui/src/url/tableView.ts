import { LIMITS } from '@tenant-sessions/contracts';
import type { SearchField } from '../table/features';
import { DEFAULT_SORTING, type ListState, SEARCH_FIELDS, toListInput } from '../table/listInput';
import type { LinkedView } from './viewQuery';

/** The table's starting state from what a link says (anything it leaves out: the defaults). */
export function tableStateOf(view: Partial<LinkedView>): ListState {
  return {
    sorting: view.sort ? [{ id: view.sort.column, desc: view.sort.direction === 'desc' }] : DEFAULT_SORTING,
    pagination: { pageIndex: 0, pageSize: view.pageSize ?? LIMITS.defaultPageSize },
    columnFilters: Object.entries(view.filters ?? {}).map(([id, value]) => ({ id, value })),
    activeOnly: view.activeOnly ?? false,
    blockers: view.blockers ?? false,
  };
}

/** What a link keeps of the table's state (paging aside: a link opens on the first page). */
export function linkedViewOf(
  state: ListState,
): Pick<LinkedView, 'filters' | 'activeOnly' | 'blockers' | 'sort' | 'pageSize'> {
  const input = toListInput({ clusterId: '', tenantId: '' }, state);
  const filters: Partial<Record<SearchField, string>> = {};
  for (const field of SEARCH_FIELDS as SearchField[]) if (input[field]) filters[field] = input[field];
  return {
    filters,
    activeOnly: input.activeOnly ?? false,
    blockers: input.blockers ?? false,
    sort: input.sort ?? { column: 'timeSeconds', direction: 'desc' },
    pageSize: state.pagination.pageSize,
  };
}
