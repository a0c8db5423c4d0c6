import { createColumnHelper, type HeaderContext } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import { ActionsCell } from '../actions/ActionsCell';
import { LongRunning } from '../live/LongRunning';
import { BlockedByCell, BlockingCell, InTransactionTag, TransactionCell } from '../locks/cells';
import { SelectCell, SelectPageHeader } from '../selection/SelectCell';
import { Dash, ObserverCell, SessionIdCell, SqlCell, StatusBadge } from './cells';
import type { Features } from './features';
import { SqlIdCell } from './SqlIdCell';

const col = createColumnHelper<Features, Session>();

/** A column's title in the active language (its meta names the catalog key). */
function Title<Value>({ column, table }: HeaderContext<Features, Session, Value>) {
  const key = column.columnDef.meta?.title;
  return key ? (table.options.meta?.t(key) ?? key) : column.id;
}

/** SQL ID (OceanBase), else the statement digest; searched for exactly. */
const sqlIdColumn = col.accessor((session) => session.sqlId ?? session.sqlDigest ?? null, {
  id: 'sqlId',
  header: Title,
  enableSorting: false,
  meta: { title: 'column.sqlId', search: 'sqlId', mono: true },
  cell: ({ row }) => <SqlIdCell session={row.original} />,
});

/** The columns of the Tenant Session tab, in the order of the issue. Ids are ListInput sort columns. */
export const columns = col.columns([
  col.display({
    id: 'select',
    header: ({ table }) => <SelectPageHeader table={table} />,
    enableSorting: false,
    enableHiding: false,
    meta: { title: 'column.select' },
    cell: ({ row, table }) => <SelectCell row={row} meta={table.options.meta} />,
  }),
  col.accessor('id', {
    header: Title,
    meta: { title: 'column.id', mono: true, search: 'sessionId' },
    cell: ({ row }) => <SessionIdCell session={row.original} />,
  }),
  col.accessor('sqlPreview', {
    id: 'sql',
    header: Title,
    meta: { title: 'column.sql', search: 'sql' },
    enableSorting: false,
    cell: ({ row, table }) => <SqlCell session={row.original} onView={table.options.meta?.onViewSql} />,
  }),
  sqlIdColumn,
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
    cell: ({ getValue, row, table }) => (
      <>
        <LongRunning session={row.original} />
        {table.options.meta?.fmt.seconds(getValue()) ?? getValue()}
      </>
    ),
  }),
  col.accessor('status', {
    header: Title,
    meta: { title: 'column.status' },
    cell: ({ getValue, row, table }) => (
      <>
        <StatusBadge status={getValue()} />
        <InTransactionTag session={row.original} meta={table.options.meta} />
      </>
    ),
  }),
  // Sessions and locks (README): narrow, numbers and ids only.
  col.accessor('transactionSeconds', {
    header: Title,
    sortDescFirst: true,
    meta: { title: 'column.transactionSeconds', numeric: true },
    cell: ({ row, table }) => <TransactionCell session={row.original} meta={table.options.meta} />,
  }),
  col.accessor('blockedBy', {
    header: Title,
    enableSorting: false,
    meta: { title: 'column.blockedBy', mono: true },
    cell: ({ row, table }) => (
      <BlockedByCell session={row.original} onShow={(id) => table.getColumn('id')?.setFilterValue(id)} />
    ),
  }),
  col.accessor('blocking', {
    header: Title,
    sortDescFirst: true,
    meta: { title: 'column.blocking', numeric: true },
    cell: ({ row, table }) => (
      <BlockingCell session={row.original} onChain={table.options.meta?.onLockChain} />
    ),
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
    enableHiding: false,
    meta: { title: 'column.actions' },
    cell: ({ row, table }) =>
      table.options.meta && <ActionsCell session={row.original} meta={table.options.meta} />,
  }),
]);

/** Every column's id, in the default order (the column menu's state names them). */
export const COLUMN_IDS: readonly string[] = columns.map(
  (c) => c.id ?? ('accessorKey' in c ? String(c.accessorKey) : ''),
);
/** The columns on servers with no SQL ID (MySQL, MariaDB): the SQL ID column hidden. */
export const columnsWithoutSqlId = columns.filter((column) => column.id !== 'sqlId');
