import type { SessionsTable } from './useSessionsTable';

/**
 * Every row of the current page. The only place that walks the rows: a virtualized body
 * (@tanstack/react-virtual over `table.getRowModel().rows`) replaces this component alone.
 */
export function TableBody({ table }: { table: SessionsTable }) {
  return (
    <tbody>
      {table.getRowModel().rows.map((row) => (
        <tr key={row.id} className={row.original.status === 'ACTIVE' ? 'tsp-row-active' : undefined}>
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
      ))}
    </tbody>
  );
}
