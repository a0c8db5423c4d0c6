import type { SessionStats } from '@tenant-sessions/contracts';
import type { Formatters } from '../format';
import { useT } from '../i18n/useT';
import { Dash } from '../table/cells';
import { locksOffWhy, statsLocks } from './lockWaits';

type Props = {
  stats: SessionStats;
  fmt: Formatters;
  /** Lists every session (false) or the active ones (true). */
  onList: (activeOnly: boolean) => void;
};

/**
 * Total sessions, Active sessions (each a link to the list), Longest active session (s), Sessions
 * waiting on locks (no link: the list has no filter for waiting sessions; "not available" and why
 * when the locks were not read, never 0).
 */
export function StatCards({ stats, fmt, onList }: Props) {
  const t = useT();
  const { all, active } = stats.counts;
  const locks = statsLocks(stats);
  return (
    <ul className="tsp-cards" aria-label={t('stats.cards')}>
      <li className="tsp-card">
        <span className="tsp-card-label">{t('stats.total')}</span>
        <button
          type="button"
          className="tsp-link tsp-card-value"
          aria-label={t('stats.drill.all', { count: all })}
          onClick={() => onList(false)}
        >
          {fmt.count(all)}
        </button>
      </li>
      <li className="tsp-card">
        <span className="tsp-card-label">{t('stats.active')}</span>
        {active === 0 ? (
          <span className="tsp-card-value">{fmt.count(0)}</span>
        ) : (
          <button
            type="button"
            className="tsp-link tsp-card-value"
            aria-label={t('stats.drill.allActive', { count: active })}
            onClick={() => onList(true)}
          >
            {fmt.count(active)}
          </button>
        )}
      </li>
      <li className="tsp-card">
        <span className="tsp-card-label">{t('stats.longest')}</span>
        <span className="tsp-card-value" data-testid="stats-longest">
          {stats.longestActiveSeconds === null ? <Dash /> : fmt.seconds(stats.longestActiveSeconds)}
        </span>
      </li>
      <li className="tsp-card">
        <span className="tsp-card-label">{t('stats.waiting')}</span>
        {locks.available ? (
          <span className="tsp-card-value" data-testid="stats-waiting">
            {fmt.count(stats.waiting)}
          </span>
        ) : (
          <>
            <span className="tsp-card-value tsp-dim" data-testid="stats-waiting">
              {t('stats.locksOff')}
            </span>
            <span className="tsp-card-note">{locksOffWhy(locks, t)}</span>
          </>
        )}
      </li>
    </ul>
  );
}
