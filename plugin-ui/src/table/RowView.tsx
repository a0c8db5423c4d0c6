import type { Row } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import type { Features } from './features';
import type { SessionsTable } from './useSessionsTable';

/** One session's row: its cells, classed by their column's meta. */
export function RowView({ row, table }: { row: Row<Features, Session>; table: SessionsTable }) {
  return (
    <tr className={row.original.status === 'ACTIVE' ? 'tsp-row-active' : undefined}>
      {row.getAllCells().map((cell) => {
        const meta = cell.column.columnDef.meta;
        const cls = [meta?.numeric && 'tsp-num', meta?.mono && 'tsp-mono', `tsp-col-${cell.column.id}`]
          .filter(Boolean)
          .join(' ');
        return (
          <td key={cell.id} className={cls}>
            <table.FlexRender cell={cell} />
          </td>
        );
      })}
    </tr>
  );
}
