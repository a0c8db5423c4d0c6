import type { Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Session } from '@tenant-sessions/contracts';
import type { RefObject } from 'react';
import { useT } from '../i18n/useT';
import type { Features } from './features';
import { RowView } from './RowView';
import type { SessionsTableInstance } from './useSessionsTable';

/** The visible columns' ids in order, as one string (RowView's memo compares it). */
const shownColumns = (table: SessionsTableInstance) =>
  table
    .getVisibleLeafColumns()
    .map((c) => c.id)
    .join(' ');

/** Pages longer than this render only the rows in view of the scroll box. */
export const VIRTUAL_FROM = 100;
const ROW_HEIGHT = 34;

type Props = { table: SessionsTableInstance; scroller: RefObject<HTMLDivElement | null> };

/** The rows of the current page: all of them, or for long pages only those on screen. */
export function TableBody({ table, scroller }: Props) {
  const rows = table.getRowModel().rows;
  if (rows.length === 0) return <NoMatch span={table.getVisibleLeafColumns().length} />;
  if (rows.length <= VIRTUAL_FROM) {
    const meta = table.options.meta;
    const shown = shownColumns(table);
    return (
      <tbody>
        {rows.map((row) => (
          <RowView
            key={row.id}
            row={row}
            table={table}
            meta={meta}
            columns={shown}
            selected={row.getIsSelected()}
          />
        ))}
      </tbody>
    );
  }
  return <VirtualRows rows={rows} table={table} scroller={scroller} />;
}

/** Rows on screen between two spacer rows that stand for the rest (the table keeps its layout). */
function VirtualRows({ rows, table, scroller }: Props & { rows: Row<Features, Session>[] }) {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 12,
    initialRect: { width: 0, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const span = table.getVisibleLeafColumns().length;
  const meta = table.options.meta;
  const shown = shownColumns(table);
  return (
    <tbody>
      {before > 0 && <Spacer height={before} span={span} />}
      {items.map((item) => {
        const row = rows[item.index];
        return (
          row && (
            <RowView
              key={row.id}
              row={row}
              table={table}
              meta={meta}
              columns={shown}
              selected={row.getIsSelected()}
            />
          )
        );
      })}
      {after > 0 && <Spacer height={after} span={span} />}
    </tbody>
  );
}

const Spacer = ({ height, span }: { height: number; span: number }) => (
  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds no control; screen readers skip it
  <tr aria-hidden="true" className="tsp-spacer">
    <td colSpan={span} style={{ height, padding: 0, border: 0 }} />
  </tr>
);

/** A search that matches nothing keeps the header (and the search box being typed in) on screen. */
const NoMatch = ({ span }: { span: number }) => {
  const t = useT();
  return (
    <tbody>
      <tr>
        <td colSpan={span} className="tsp-state" role="status">
          {t('state.noMatch')}
        </td>
      </tr>
    </tbody>
  );
};
