import type { Formatters } from '../format';
import { PAGE_SIZES } from './listInput';
import type { SessionsTableInstance } from './useSessionsTable';

/** Page size choice, the rows shown of the total, and first/previous/next/last. */
export function Pager({ table, fmt }: { table: SessionsTableInstance; fmt: Formatters }) {
  const { pageIndex, pageSize } = table.state.pagination;
  const total = table.getRowCount();
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  const pages = Math.max(1, table.getPageCount());
  return (
    <nav className="tsp-pager" aria-label="Pages">
      <label className="tsp-pager-size">
        Rows per page
        <select
          className="tsp-select"
          value={pageSize}
          onChange={(event) => table.setPagination({ pageIndex: 0, pageSize: Number(event.target.value) })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <span className="tsp-pager-range">
        {fmt.count(from)}–{fmt.count(to)} of {fmt.count(total)}
      </span>
      <span className="tsp-pager-nav">
        <PageButton label="First page" text="«" enabled={table.getCanPreviousPage()} go={table.firstPage} />
        <PageButton
          label="Previous page"
          text="‹"
          enabled={table.getCanPreviousPage()}
          go={table.previousPage}
        />
        <span className="tsp-pager-page">
          Page {fmt.count(pageIndex + 1)} of {fmt.count(pages)}
        </span>
        <PageButton label="Next page" text="›" enabled={table.getCanNextPage()} go={table.nextPage} />
        <PageButton label="Last page" text="»" enabled={table.getCanNextPage()} go={table.lastPage} />
      </span>
    </nav>
  );
}

function PageButton({
  label,
  text,
  enabled,
  go,
}: {
  label: string;
  text: string;
  enabled: boolean;
  go: () => void;
}) {
  return (
    <button
      type="button"
      className="tsp-icon-btn"
      aria-label={label}
      disabled={!enabled}
      onClick={() => go()}
    >
      {text}
    </button>
  );
}
