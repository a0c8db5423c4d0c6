import type { Session } from '@tenant-sessions/contracts';
import { useState } from 'react';
import { Dialog } from '../dialogs/Dialog';
import type { Formatters } from '../format';
import { useT } from '../i18n/useT';
import type { BulkPlan } from './useBulkClose';

/** From this many sessions on, the operator types the count to confirm. */
export const TYPE_COUNT_FROM = 50;

/** How many sessions share each value, most first. */
const countsBy = (sessions: Session[], pick: (s: Session) => string): Array<[string, number]> => {
  const counts = new Map<string, number>();
  for (const s of sessions) counts.set(pick(s), (counts.get(pick(s)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

/** The client's host, without its port (counts by source group the connections of one client). */
const hostOf = (source: string) => source.replace(/:\d+$/, '');

/**
 * The confirmation of a bulk close, which is its preview: every session that will be closed (id,
 * user, source, database, execution time, SQL preview), counts by user and by source, what is
 * skipped and why, what closing does, and a primary button naming the count. From 50 sessions on
 * the count must be typed. While the calls go out: a progress bar and Cancel.
 */
export function BulkConfirm(props: {
  plan: BulkPlan;
  fmt: Formatters;
  progress: { done: number; total: number } | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { plan, fmt, progress, onConfirm, onCancel } = props;
  const t = useT();
  const [typed, setTyped] = useState('');
  const count = plan.sessions.length;
  const mustType = count >= TYPE_COUNT_FROM;
  const ready = count > 0 && (!mustType || typed.trim() === String(count)) && !progress;
  const { kind, skipped } = plan;
  return (
    <Dialog
      title={t(kind === 'session' ? 'bulk.title.session' : 'bulk.title.query', { count })}
      onClose={onCancel}
      footer={
        progress ? (
          <>
            <label className="tsp-bulk-progress">
              <span aria-live="polite">{t('bulk.progress', progress)}</span>
              <progress max={progress.total} value={progress.done} />
            </label>
            <button type="button" className="tsp-btn tsp-btn-quiet" onClick={onCancel}>
              {t('bulk.cancel')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="tsp-btn tsp-btn-quiet"
              onClick={onCancel}
              data-autofocus={mustType ? undefined : true}
            >
              {t('confirm.cancel')}
            </button>
            <button type="button" className="tsp-btn tsp-btn-danger" onClick={onConfirm} disabled={!ready}>
              {count === 1
                ? t(kind === 'session' ? 'bulk.confirm.sessionOne' : 'bulk.confirm.queryOne')
                : t(kind === 'session' ? 'bulk.confirm.session' : 'bulk.confirm.query', { count })}
            </button>
          </>
        )
      }
    >
      <p>{t(kind === 'session' ? 'bulk.effect.session' : 'bulk.effect.query')}</p>
      {count === 0 && <p role="status">{t('bulk.nothing')}</p>}
      {skipped.protected > 0 && <p>{t('bulk.skippedProtected', { count: skipped.protected })}</p>}
      {skipped.beyondLimit > 0 && (
        <p>{t('bulk.skippedBeyond', { count: skipped.beyondLimit, limit: plan.limit })}</p>
      )}
      {skipped.gone > 0 && <p>{t('bulk.skippedGone', { count: skipped.gone })}</p>}
      {count > 0 && (
        <div className="tsp-bulk-counts">
          <Counts title={t('bulk.byUser')} rows={countsBy(plan.sessions, (s) => s.user)} />
          <Counts title={t('bulk.bySource')} rows={countsBy(plan.sessions, (s) => hostOf(s.source))} />
        </div>
      )}
      {count > 0 && (
        <div className="tsp-bulk-list">
          <table className="tsp-table">
            <thead>
              <tr>
                <th scope="col">{t('column.id')}</th>
                <th scope="col">{t('column.user')}</th>
                <th scope="col">{t('column.source')}</th>
                <th scope="col">{t('column.database')}</th>
                <th scope="col">{t('column.time')}</th>
                <th scope="col">{t('column.sql')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.sessions.map((s) => (
                <tr key={s.key}>
                  <td className="tsp-mono">{s.id}</td>
                  <td>{s.user}</td>
                  <td className="tsp-mono">{s.source}</td>
                  <td>{s.database ?? '—'}</td>
                  <td className="tsp-num">{fmt.seconds(s.timeSeconds)}</td>
                  <td className="tsp-bulk-sql">{s.sqlPreview ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mustType && !progress && (
        <label className="tsp-bulk-type">
          {t('bulk.typeCount', { count })}
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={typed}
            data-autofocus
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
      )}
    </Dialog>
  );
}

function Counts({ title, rows }: { title: string; rows: Array<[string, number]> }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {rows.slice(0, 8).map(([value, n]) => (
          <li key={value}>
            <span className="tsp-mono">{value}</span> <strong>{n}</strong>
          </li>
        ))}
        {rows.length > 8 && <li>…</li>}
      </ul>
    </section>
  );
}
