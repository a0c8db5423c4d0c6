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
import { blockersVisibility } from '../locks/layout';
import { COLUMN_IDS, columns } from './columns';
import type { Drill } from './drill';
import { features, type SessionsTableMeta } from './features';
import { DEFAULT_SORTING, type ListState, toListInput } from './listInput';
import { useColumnLayout } from './useColumnLayout';

const NO_ROWS: Session[] = [];

/**
 * The table of one tenant: column definitions plus a handful of state (sorting, paging, column
 * searches, active-only), which becomes the `sessions.list` input. Any change but paging itself
 * goes back to the first page. `initial`: the state to start from (a link's view, url/).
 */
/** The selection of sessions by key (selection/useSelection.ts): kept across pages and refreshes. */
export type TableSelection = {
  rowSelection: RowSelectionState;
  onRowSelectionChange: (updater: Updater<RowSelectionState>) => void;
};
const NO_SELECTION: RowSelectionState = {};

export function useSessionsTable(
  tenant: TenantRef,
  meta: SessionsTableMeta,
  initial: Partial<ListState> = {},
  selection?: TableSelection,
) {
  const [sorting, setSorting] = useState<SortingState>(initial.sorting ?? DEFAULT_SORTING);
  const [pagination, setPagination] = useState<PaginationState>(
    initial.pagination ?? { pageIndex: 0, pageSize: LIMITS.defaultPageSize },
  );
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>(initial.columnFilters ?? []);
  const [activeOnly, setActiveOnly] = useState(initial.activeOnly ?? false);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [blockers, setBlockers] = useState(initial.blockers ?? false);
  const toFirstPage = () => setPagination((p) => ({ ...p, pageIndex: 0 }));

  const input = useMemo(
    () =>
      toListInput(tenant, { sorting, pagination, columnFilters, activeOnly, group: drill?.filter, blockers }),
    [tenant, sorting, pagination, columnFilters, activeOnly, drill, blockers],
  );
  const page = useSessionPage(input);
  // The SQL ID column is there where the server has SQL IDs (the dialect is on the page).
  const hideSqlId = page.data !== undefined && page.data.dialect !== 'oceanbase';
  const { layout, columnVisibility, columnOrder, onColumnVisibilityChange, onColumnOrderChange } =
    useColumnLayout(COLUMN_IDS);
  // On servers without SQL IDs the SQL ID column (their statement digest) is hidden unless chosen.
  const shownColumns =
    hideSqlId && !('sqlId' in columnVisibility) ? { ...columnVisibility, sqlId: false } : columnVisibility;
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
      // On servers without SQL IDs the SQL ID column (their statement digest) is hidden unless chosen.
      columnVisibility: blockers ? blockersVisibility(shownColumns) : shownColumns,
      columnOrder,
      rowSelection: selection?.rowSelection ?? NO_SELECTION,
    },
    onColumnVisibilityChange,
    onColumnOrderChange,
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
    meta: tableMeta,
  });

  return {
    table,
    page,
    /** The `sessions.list` input of the view (the export takes its filters and sort). */
    input,
    state: { sorting, pagination, columnFilters, activeOnly, blockers } satisfies ListState,
    filtered: activeOnly || columnFilters.length > 0 || blockers || drill !== null,
    activeOnly,
    setActiveOnly: (value: boolean) => {
      setActiveOnly(value);
      toFirstPage();
    },
    drill,
    /** Opens a statistics count: exactly its sessions (no other search), on the first page. */
    openDrill: (next: Drill | null, onlyActive: boolean) => {
      setDrill(next);
      setColumnFilters([]);
      setActiveOnly(onlyActive);
      toFirstPage();
    },
    clearDrill: () => {
      setDrill(null);
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
