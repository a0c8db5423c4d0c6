import type { Row } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import { memo } from 'react';
import type { Features, SessionsTableMeta } from './features';
import { sameSession } from './sameSession';
import type { SessionsTableInstance } from './useSessionsTable';

type Props = {
  row: Row<Features, Session>;
  table: SessionsTableInstance;
  /** What the cells use from the tab; a row re-renders when it changes. */
  meta: SessionsTableMeta | undefined;
  /** Whether the row is selected (its checkbox): a row re-renders when it changes. */
  selected?: boolean;
};

/** One session's row: its cells, classed by their column's meta. */
function SessionRow({ row, table }: Props) {
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

/**
 * A refresh answers new objects for every session: a row whose session carries the same values
 * (and the same tab callbacks) is not rendered again.
 */
export const RowView = memo(
  SessionRow,
  (before, after) =>
    before.row.id === after.row.id &&
    before.meta === after.meta &&
    before.selected === after.selected &&
    sameSession(before.row.original, after.row.original),
);
