import { useT } from '../i18n/useT';
import { PAGE_SIZES } from './listInput';
import type { SessionsTableInstance } from './useSessionsTable';

/** Page size choice, the rows shown of the total, and first/previous/next/last. */
export function Pager({ table }: { table: SessionsTableInstance }) {
  const { pageIndex, pageSize } = table.state.pagination;
  const total = table.getRowCount();
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  const pages = Math.max(1, table.getPageCount());
  const t = useT();
  return (
    <nav className="tsp-pager" aria-label={t('pager.label')}>
      <label className="tsp-pager-size">
        {t('pager.size')}
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
      <span className="tsp-pager-range">{t('pager.range', { from, to, total })}</span>
      <span className="tsp-pager-nav">
        <PageButton
          label={t('pager.first')}
          text="«"
          enabled={table.getCanPreviousPage()}
          go={table.firstPage}
        />
        <PageButton
          label={t('pager.previous')}
          text="‹"
          enabled={table.getCanPreviousPage()}
          go={table.previousPage}
        />
        <span className="tsp-pager-page">{t('pager.page', { page: pageIndex + 1, pages })}</span>
        <PageButton label={t('pager.next')} text="›" enabled={table.getCanNextPage()} go={table.nextPage} />
        <PageButton label={t('pager.last')} text="»" enabled={table.getCanNextPage()} go={table.lastPage} />
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
