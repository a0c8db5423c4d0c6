import type { LocksAvailability } from '@tenant-sessions/contracts';
import { useT } from '../i18n/useT';

type Props = { on: boolean; onChange: (value: boolean) => void; locks: LocksAvailability };

/** The Blockers quick filter: only sessions that block others, most blocking first (ListInput.blockers). */
export function BlockersFilter({ on, onChange, locks }: Props) {
  const t = useT();
  const off = !locks.available && !on;
  const title = off
    ? t('locks.filterOff', { reason: locks.reason ?? t('locks.notAvailableDefault') })
    : t('locks.filterTitle');
  return (
    <label className="tsp-check" title={title}>
      <input
        type="checkbox"
        checked={on}
        disabled={off}
        onChange={(event) => onChange(event.target.checked)}
      />
      {t('locks.filter')}
    </label>
  );
}
