import {
  type ColumnFiltersState,
  functionalUpdate,
  type PaginationState,
  type SortingState,
  type Updater,
  useTable,
} from '@tanstack/react-table';
import { LIMITS, type Session, type TenantRef } from '@tenant-sessions/contracts';
import { useMemo, useState } from 'react';
import { useSessionPage } from '../api/queries';
import { blockersVisibility } from '../locks/layout';
import { COLUMN_IDS, columns } from './columns';
import { features, type SessionsTableMeta } from './features';
import { DEFAULT_SORTING, toListInput } from './listInput';
import { useColumnLayout } from './useColumnLayout';

const NO_ROWS: Session[] = [];

/**
 * The table of one tenant: column definitions plus a handful of state (sorting, paging, column
 * searches, active-only), which becomes the `sessions.list` input. Any change but paging itself
 * goes back to the first page.
 */
export function useSessionsTable(tenant: TenantRef, meta: SessionsTableMeta) {
  const [sorting, setSorting] = useState<SortingState>(DEFAULT_SORTING);
  const [pagination, setPagination] = useState<PaginationState>({
    pageIndex: 0,
    pageSize: LIMITS.defaultPageSize,
  });
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [activeOnly, setActiveOnly] = useState(false);
  const [blockers, setBlockers] = useState(false);
  const toFirstPage = () => setPagination((p) => ({ ...p, pageIndex: 0 }));

  const input = useMemo(
    () => toListInput(tenant, { sorting, pagination, columnFilters, activeOnly, blockers }),
    [tenant, sorting, pagination, columnFilters, activeOnly, blockers],
  );
  const page = useSessionPage(input);
  const { layout, columnVisibility, columnOrder, onColumnVisibilityChange, onColumnOrderChange } =
    useColumnLayout(COLUMN_IDS);
  const tableMeta = useMemo(() => ({ ...meta, columns: layout }), [meta, layout]);

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
    state: {
      sorting,
      pagination,
      columnFilters,
      columnVisibility: blockers ? blockersVisibility(columnVisibility) : columnVisibility,
      columnOrder,
    },
    onColumnVisibilityChange,
    onColumnOrderChange,
    onSortingChange: (updater: Updater<SortingState>) => {
      setSorting((old) => functionalUpdate(updater, old));
      toFirstPage();
    },
    onPaginationChange: setPagination,
    onColumnFiltersChange: (updater: Updater<ColumnFiltersState>) => {
      setColumnFilters((old) => functionalUpdate(updater, old));
      toFirstPage();
    },
    meta: tableMeta,
  });

  return {
    table,
    page,
    filtered: activeOnly || blockers || columnFilters.length > 0,
    activeOnly,
    setActiveOnly: (value: boolean) => {
      setActiveOnly(value);
      toFirstPage();
    },
    blockers,
    setBlockers: (value: boolean) => {
      setBlockers(value);
      toFirstPage();
    },
  };
}
export type SessionsTableInstance = ReturnType<typeof useSessionsTable>['table'];
