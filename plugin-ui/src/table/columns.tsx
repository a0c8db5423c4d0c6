import { createColumnHelper } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import { ActionsCell } from '../actions/ActionsCell';
import { Dash, ObserverCell, SessionIdCell, SqlCell, StatusBadge } from './cells';
import type { Features } from './features';

const col = createColumnHelper<Features, Session>();

/** The columns of the Tenant Session tab, in the order of the issue. Ids are ListInput sort columns. */
export const columns = col.columns([
  col.accessor('id', {
    header: 'Session ID',
    meta: { mono: true },
    cell: ({ row }) => <SessionIdCell session={row.original} />,
  }),
  col.accessor('sqlPreview', {
    id: 'sql',
    header: 'SQL',
    enableSorting: false,
    cell: ({ row, table }) => <SqlCell session={row.original} onView={table.options.meta?.onViewSql} />,
  }),
  col.accessor('user', { header: 'User', meta: { search: 'user' } }),
  col.accessor('source', { header: 'Source', meta: { search: 'source', mono: true } }),
  col.accessor('database', {
    header: 'Database Name',
    meta: { search: 'database' },
    cell: ({ getValue }) => getValue() ?? <Dash />,
  }),
  col.accessor('command', { header: 'Command' }),
  col.accessor('timeSeconds', {
    header: 'Execution Time (s)',
    sortDescFirst: true,
    meta: { numeric: true },
    cell: ({ getValue, table }) => table.options.meta?.fmt.seconds(getValue()) ?? getValue(),
  }),
  col.accessor('status', { header: 'Status', cell: ({ getValue }) => <StatusBadge status={getValue()} /> }),
  col.accessor('observer', {
    header: 'observer',
    meta: { mono: true },
    cell: ({ row }) => <ObserverCell session={row.original} />,
  }),
  col.accessor('obproxy', {
    header: 'OBProxy',
    enableSorting: false,
    meta: { mono: true },
    cell: ({ getValue }) => getValue() ?? <Dash />,
  }),
  col.display({
    id: 'actions',
    header: 'Actions',
    cell: ({ row, table }) =>
      table.options.meta && <ActionsCell session={row.original} meta={table.options.meta} />,
  }),
]);
