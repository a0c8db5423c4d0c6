import { useCallback, useRef } from 'react';
import { HeaderCell } from './HeaderCell';
import { TableBody, VIRTUAL_FROM } from './TableBody';
import type { SessionsTableInstance } from './useSessionsTable';

/**
 * The grid itself: one header row and the body; a long page scrolls inside its own box, whose
 * width decides the default columns (useColumnLayout.ts).
 */
export function SessionGrid({ table, busy }: { table: SessionsTableInstance; busy: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const measure = table.options.meta?.columns?.measure;
  const box = useCallback(
    (element: HTMLDivElement | null) => {
      scroller.current = element;
      measure?.(element);
    },
    [measure],
  );
  const long = table.getRowModel().rows.length > VIRTUAL_FROM;
  return (
    <div className={long ? 'tsp-scroll tsp-scroll-long' : 'tsp-scroll'} ref={box}>
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
        <TableBody table={table} scroller={scroller} />
      </table>
    </div>
  );
}
