import { EXACT_SEARCHES } from './features';
import type { SessionsTableInstance } from './useSessionsTable';

const exact = (field: Parameters<typeof EXACT_SEARCHES.includes>[0] | undefined) =>
  field !== undefined && EXACT_SEARCHES.includes(field);

/** The applied column searches, each with its own clear button. */
export function FilterChips({ table }: { table: SessionsTableInstance }) {
  const filters = table.state.columnFilters;
  const t = table.options.meta?.t;
  if (filters.length === 0 || !t) return null;
  return (
    <ul className="tsp-chips" aria-label={t('search.chips')}>
      {filters.map((filter) => {
        const column = table.getColumn(filter.id);
        const title = column?.columnDef.meta?.title;
        const label = title ? t(title) : filter.id;
        return (
          <li key={filter.id} className="tsp-chip">
            {t(exact(column?.columnDef.meta?.search) ? 'stats.chipEquals' : 'search.chip', {
              column: label,
              value: String(filter.value),
            })}
            <button
              type="button"
              className="tsp-chip-x"
              aria-label={t('search.chipClear', { column: label })}
              onClick={() => column?.setFilterValue(undefined)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
