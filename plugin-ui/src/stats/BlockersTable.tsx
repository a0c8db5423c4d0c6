import type { SessionStats } from '@tenant-sessions/contracts';
import { useId } from 'react';
import type { Formatters } from '../format';
import { useT } from '../i18n/useT';
import { Dash } from '../table/cells';
import { locksOffWhy, statsLocks } from './lockWaits';

type Props = {
  stats: Pick<SessionStats, 'topBlockers' | 'locks'>;
  fmt: Formatters;
  /** Whether the other statistics count ACTIVE sessions only: the lock waits never do, and say so. */
  activeOnly: boolean;
};

/**
 * Top blockers: the sessions most others wait on for a lock (at most 10, most blocking first),
 * with Session ID, User, Source, Blocking and Transaction (s). Over every session, idle ones too.
 * When the locks were not read, the table says so and why instead of "no blocker".
 */
export function BlockersTable({ stats, fmt, activeOnly }: Props) {
  const t = useT();
  const titleId = useId();
  const locks = statsLocks(stats);
  const rows = locks.available ? stats.topBlockers : [];
  return (
    <section className="tsp-group tsp-blockers" aria-labelledby={titleId}>
      <div className="tsp-group-head">
        <h3 id={titleId} className="tsp-group-title">
          {t('stats.blockers')}
        </h3>
      </div>
      {activeOnly && <p className="tsp-dim tsp-group-top">{t('stats.blockersAll')}</p>}
      <table className="tsp-table tsp-group-table" aria-labelledby={titleId}>
        <thead>
          <tr>
            <th scope="col">{t('column.id')}</th>
            <th scope="col">{t('column.user')}</th>
            <th scope="col">{t('column.source')}</th>
            <th scope="col" className="tsp-num">
              {t('stats.col.blocking')}
            </th>
            <th scope="col" className="tsp-num">
              {t('stats.col.transaction')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="tsp-state" role="status">
                {locks.available ? t('stats.noBlockers') : locksOffWhy(locks, t)}
              </td>
            </tr>
          ) : (
            rows.map((blocker) => (
              <tr key={blocker.key}>
                <td className="tsp-mono tsp-group-value" title={blocker.key}>
                  {blocker.id}
                </td>
                <td className="tsp-group-value">{blocker.user}</td>
                <td className="tsp-mono tsp-group-value">{blocker.source}</td>
                <td className="tsp-num">{fmt.count(blocker.blocking)}</td>
                <td className="tsp-num">
                  {blocker.transactionSeconds === null ? <Dash /> : fmt.seconds(blocker.transactionSeconds)}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
