import type { SessionsTableInstance } from './useSessionsTable';

/** The applied column searches, each with its own clear button. */
export function FilterChips({ table }: { table: SessionsTableInstance }) {
  const filters = table.state.columnFilters;
  if (filters.length === 0) return null;
  return (
    <ul className="tsp-chips" aria-label="Applied searches">
      {filters.map((filter) => {
        const column = table.getColumn(filter.id);
        const label = typeof column?.columnDef.header === 'string' ? column.columnDef.header : filter.id;
        return (
          <li key={filter.id} className="tsp-chip">
            {label} contains “{String(filter.value)}”
            <button
              type="button"
              className="tsp-chip-x"
              aria-label={`Clear ${label} search`}
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
