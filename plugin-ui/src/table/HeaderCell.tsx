import type { Header } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import { ColumnMenu } from './ColumnMenu';
import { ColumnSearch } from './ColumnSearch';
import type { Features } from './features';
import { COLUMN_WIDTHS } from './layout';
import type { SessionsTableInstance } from './useSessionsTable';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;
const ARROW = { asc: '▲', desc: '▼' } as const;

/**
 * A column header: its label (a sort button where the sidecar can sort), its search box if any,
 * and in the Actions header the column menu. Its width is the layout's (layout.ts).
 */
export function HeaderCell({
  header,
  table,
}: {
  header: Header<Features, Session, unknown>;
  table: SessionsTableInstance;
}) {
  const column = header.column;
  const meta = column.columnDef.meta;
  const t = table.options.meta?.t;
  const label = meta?.title && t ? t(meta.title) : column.id;
  const sorted = column.getIsSorted();
  return (
    <th
      scope="col"
      aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
      className={[meta?.numeric && 'tsp-num', `tsp-col-${column.id}`].filter(Boolean).join(' ')}
      style={{ width: COLUMN_WIDTHS[column.id] }}
    >
      <span className="tsp-th">
        {column.getCanSort() ? (
          <button
            type="button"
            className={`tsp-sort${sorted ? ' is-sorted' : ''}`}
            onClick={column.getToggleSortingHandler()}
            title={t ? t('sort.by', { column: label }) : label}
          >
            <table.FlexRender header={header} />
            <span className="tsp-sort-arrow" aria-hidden="true">
              {sorted ? ARROW[sorted] : '↕'}
            </span>
          </button>
        ) : (
          <table.FlexRender header={header} />
        )}
        {meta?.search && t && <ColumnSearch column={column} label={label} t={t} />}
        {column.id === 'actions' && <ColumnMenu table={table} />}
      </span>
    </th>
  );
}
