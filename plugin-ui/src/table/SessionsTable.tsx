import { HeaderCell } from './HeaderCell';
import { TableBody } from './TableBody';
import type { SessionsTable as Table } from './useSessionsTable';

/** The grid itself: one header row, the body (swappable for a virtualized one). */
export function SessionsTable({ table, busy }: { table: Table; busy: boolean }) {
  return (
    <div className="tsp-scroll">
      <table className="tsp-table" aria-busy={busy}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} table={table} />
              ))}
            </tr>
          ))}
        </thead>
        <TableBody table={table} />
      </table>
    </div>
  );
}
