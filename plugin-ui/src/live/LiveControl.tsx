import { problemOf, sayProblem } from '../api/errors';
import type { Formatters } from '../format';
import { useT } from '../i18n/useT';
import { REFRESH_CHOICES } from './settings';
import type { LiveView } from './useLiveRefresh';

type Props = { live: LiveView; onInterval: (ms: number) => void };

/** Beside Refresh: the refresh interval, and whether the view is live, paused or connecting. */
export function LiveControl({ live, onInterval }: Props) {
  const t = useT();
  const phase = live.source?.phase;
  return (
    <span className="tsp-live">
      <label className="tsp-live-interval">
        {t('live.interval')}
        <select value={live.intervalMs} onChange={(event) => onInterval(Number(event.target.value))}>
          {REFRESH_CHOICES.map((ms) => (
            <option key={ms} value={ms}>
              {ms === 0 ? t('live.off') : t('live.seconds', { seconds: ms / 1000 })}
            </option>
          ))}
        </select>
      </label>
      {/* Sized for its widest state (data-sizer), so that pausing never moves the table. */}
      <span
        className="tsp-live-state"
        aria-live="polite"
        data-sizer={`${t('live.paused', { count: Math.max(live.waiting, 999) })} ${t('live.resume')}`}
      >
        {live.paused ? (
          <span>
            <span className="tsp-live-paused">{t('live.paused', { count: live.waiting })}</span>
            <button type="button" className="tsp-btn tsp-btn-small" onClick={live.resume}>
              {t('live.resume')}
            </button>
          </span>
        ) : phase === 'live' ? (
          <span className="tsp-live-on">
            <span aria-hidden="true">● </span>
            <span>{live.source?.transport === 'poll' ? t('live.polling') : t('live.on')}</span>
          </span>
        ) : phase === 'connecting' ? (
          <span className="tsp-dim">{t('live.connecting')}</span>
        ) : null}
      </span>
    </span>
  );
}

/** In place of the live state while the stream fails: the error, the retry, and that the rows are stale. */
export function LiveTrouble({
  live,
  tenantName,
  fmt,
  capturedAt,
}: {
  live: LiveView;
  tenantName: string;
  fmt: Formatters;
  capturedAt: string | undefined;
}) {
  const t = useT();
  const source = live.source;
  if (source?.phase !== 'retrying') return null;
  return (
    <div className="tsp-notice tsp-notice-warning tsp-live-trouble" role="alert">
      <span className="tsp-notice-text">
        {t('live.failed', {
          problem: sayProblem(problemOf(source.error, tenantName, t), t),
          seconds: Math.ceil(source.retryInMs / 1000),
        })}{' '}
        {capturedAt && t('live.stale', { time: fmt.time(capturedAt) })}
      </span>
    </div>
  );
}
