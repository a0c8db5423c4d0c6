import { createColumnHelper, type HeaderContext } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import { ActionsCell } from '../actions/ActionsCell';
import { SelectCell, SelectPageHeader } from '../selection/SelectCell';
import { Dash, ObserverCell, SessionIdCell, SqlCell, StatusBadge } from './cells';
import type { Features } from './features';

const col = createColumnHelper<Features, Session>();

/** A column's title in the active language (its meta names the catalog key). */
function Title<Value>({ column, table }: HeaderContext<Features, Session, Value>) {
  const key = column.columnDef.meta?.title;
  return key ? (table.options.meta?.t(key) ?? key) : column.id;
}

/** The columns of the Tenant Session tab, in the order of the issue. Ids are ListInput sort columns. */
export const columns = col.columns([
  col.display({
    id: 'select',
    header: ({ table }) => <SelectPageHeader table={table} />,
    enableSorting: false,
    meta: { title: 'column.select' },
    cell: ({ row, table }) => <SelectCell row={row} meta={table.options.meta} />,
  }),
  col.accessor('id', {
    header: Title,
    meta: { title: 'column.id', mono: true },
    cell: ({ row }) => <SessionIdCell session={row.original} />,
  }),
  col.accessor('sqlPreview', {
    id: 'sql',
    header: Title,
    meta: { title: 'column.sql' },
    enableSorting: false,
    cell: ({ row, table }) => <SqlCell session={row.original} onView={table.options.meta?.onViewSql} />,
  }),
  col.accessor('user', { header: Title, meta: { title: 'column.user', search: 'user' } }),
  col.accessor('source', { header: Title, meta: { title: 'column.source', search: 'source', mono: true } }),
  col.accessor('database', {
    header: Title,
    meta: { title: 'column.database', search: 'database' },
    cell: ({ getValue }) => getValue() ?? <Dash />,
  }),
  col.accessor('command', { header: Title, meta: { title: 'column.command' } }),
  col.accessor('timeSeconds', {
    header: Title,
    sortDescFirst: true,
    meta: { title: 'column.time', numeric: true },
    cell: ({ getValue, table }) => table.options.meta?.fmt.seconds(getValue()) ?? getValue(),
  }),
  col.accessor('status', {
    header: Title,
    meta: { title: 'column.status' },
    cell: ({ getValue }) => <StatusBadge status={getValue()} />,
  }),
  col.accessor('observer', {
    header: Title,
    meta: { title: 'column.observer', mono: true },
    cell: ({ row }) => <ObserverCell session={row.original} />,
  }),
  col.accessor('obproxy', {
    header: Title,
    enableSorting: false,
    meta: { title: 'column.obproxy', mono: true },
    cell: ({ getValue }) => getValue() ?? <Dash />,
  }),
  col.display({
    id: 'actions',
    header: Title,
    meta: { title: 'column.actions' },
    cell: ({ row, table }) =>
      table.options.meta && <ActionsCell session={row.original} meta={table.options.meta} />,
  }),
]);
