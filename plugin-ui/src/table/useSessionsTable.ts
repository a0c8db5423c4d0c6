import {
  type ColumnFiltersState,
  functionalUpdate,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
  type Updater,
  useTable,
} from '@tanstack/react-table';
import { LIMITS, type Session, type TenantRef } from '@tenant-sessions/contracts';
import { useMemo, useState } from 'react';
import { useSessionPage } from '../api/queries';
import { columns } from './columns';
import { features, type SessionsTableMeta } from './features';
import { DEFAULT_SORTING, toListInput } from './listInput';

const NO_ROWS: Session[] = [];

/**
 * The table of one tenant: column definitions plus a handful of state (sorting, paging, column
 * searches, active-only), which becomes the `sessions.list` input. Any change but paging itself
 * goes back to the first page.
 */
/** The selection of sessions by key (selection/useSelection.ts): kept across pages and refreshes. */
export type TableSelection = {
  rowSelection: RowSelectionState;
  onRowSelectionChange: (updater: Updater<RowSelectionState>) => void;
};
const NO_SELECTION: RowSelectionState = {};

export function useSessionsTable(tenant: TenantRef, meta: SessionsTableMeta, selection?: TableSelection) {
  const [sorting, setSorting] = useState<SortingState>(DEFAULT_SORTING);
  const [pagination, setPagination] = useState<PaginationState>({
    pageIndex: 0,
    pageSize: LIMITS.defaultPageSize,
  });
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [activeOnly, setActiveOnly] = useState(false);
  const toFirstPage = () => setPagination((p) => ({ ...p, pageIndex: 0 }));

  const input = useMemo(
    () => toListInput(tenant, { sorting, pagination, columnFilters, activeOnly }),
    [tenant, sorting, pagination, columnFilters, activeOnly],
  );
  const page = useSessionPage(input);

  const table = useTable({
    features,
    columns,
    data: page.data?.rows ?? NO_ROWS,
    rowCount: page.data?.total ?? 0,
    getRowId: (row) => row.key,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination, columnFilters, rowSelection: selection?.rowSelection ?? NO_SELECTION },
    // Protected sessions, and every session for an operator without the kill right, cannot be selected.
    enableRowSelection: (row) => !row.original.protected && meta.killRefused === null,
    enableRowRangeSelection: false,
    onRowSelectionChange: selection?.onRowSelectionChange,
    onSortingChange: (updater: Updater<SortingState>) => {
      setSorting((old) => functionalUpdate(updater, old));
      toFirstPage();
    },
    onPaginationChange: setPagination,
    onColumnFiltersChange: (updater: Updater<ColumnFiltersState>) => {
      setColumnFilters((old) => functionalUpdate(updater, old));
      toFirstPage();
    },
    meta,
  });

  return {
    table,
    page,
    input,
    filtered: activeOnly || columnFilters.length > 0,
    activeOnly,
    setActiveOnly: (value: boolean) => {
      setActiveOnly(value);
      toFirstPage();
    },
  };
}
export type SessionsTableInstance = ReturnType<typeof useSessionsTable>['table'];
