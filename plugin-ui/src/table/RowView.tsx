import type { Row } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import { memo } from 'react';
import { useLiveRowClass } from '../live/rowClass';
import type { Features, SessionsTableMeta } from './features';
import { sameSession } from './sameSession';
import type { SessionsTableInstance } from './useSessionsTable';

type Props = {
  row: Row<Features, Session>;
  table: SessionsTableInstance;
  /** What the cells use from the tab; a row re-renders when it changes. */
  meta: SessionsTableMeta | undefined;
  /** The visible columns' ids in order: a row re-renders when the column menu changes them. */
  columns: string;
  /** Whether the row is selected (its checkbox): a row re-renders when it changes. */
  selected?: boolean;
};

/** Clicks on the row's own controls (View SQL, the close actions) do not open the details. */
const onControl = (target: EventTarget) =>
  target instanceof Element && target.closest('button, a, input, select, textarea, [role="menu"]') !== null;

/**
 * One session's row: its visible cells in the column menu's order, classed by their column's
 * meta. A click on it, or Enter while it has focus, opens the session's details.
 */
function SessionRow({ row, table, meta }: Props) {
  const open = meta?.onDetails;
  const session = row.original;
  const live = useLiveRowClass(session);
  const active = session.status === 'ACTIVE' ? 'tsp-row-active' : '';
  return (
    <tr
      className={[active, live].filter(Boolean).join(' ') || undefined}
      tabIndex={open ? 0 : undefined}
      aria-label={open && meta ? meta.t('details.open', { id: session.id }) : undefined}
      onClick={open ? (event) => !onControl(event.target) && open(session) : undefined}
      onKeyDown={
        open
          ? (event) => {
              if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
              // Else the same Enter would press the panel's Close button, which takes focus now.
              event.preventDefault();
              open(session);
            }
          : undefined
      }
    >
      {row.getVisibleCells().map((cell) => {
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
    before.columns === after.columns &&
    before.selected === after.selected &&
    sameSession(before.row.original, after.row.original),
);
