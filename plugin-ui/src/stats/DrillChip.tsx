import { useT } from '../i18n/useT';
import type { Drill } from '../table/drill';
import { shownValue, VALUE_COLUMN } from './GroupTable';

/** The drill-down of a statistics count as a removable chip: "User = app_order". */
export function DrillChip({ drill, onClear }: { drill: Drill | null; onClear: () => void }) {
  const t = useT();
  if (!drill) return null;
  const column = t(VALUE_COLUMN[drill.filter.by]);
  const value = shownValue(drill.filter.by, { value: drill.filter.value, sample: drill.sample }, t);
  return (
    <ul className="tsp-chips" aria-label={t('search.chips')}>
      <li className="tsp-chip tsp-chip-group" title={drill.filter.value ?? undefined}>
        {t('stats.chip', { column, value })}
        <button
          type="button"
          className="tsp-chip-x"
          aria-label={t('stats.chipClear', { column })}
          onClick={onClear}
        >
          ×
        </button>
      </li>
    </ul>
  );
}
