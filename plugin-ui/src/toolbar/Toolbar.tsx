import type { SessionPage } from '@tenant-sessions/contracts';
import type { ReactNode } from 'react';
import type { Formatters } from '../format';
import { Message } from '../i18n/Message';
import { useT } from '../i18n/useT';

type Props = {
  page: SessionPage | undefined;
  fmt: Formatters;
  activeOnly: boolean;
  onActiveOnly: (value: boolean) => void;
  refreshing: boolean;
  onRefresh: () => void;
  /** Buttons placed before Refresh (the CSV export). */
  actions?: ReactNode;
  /** Quick filters of other features, before View Active Sessions Only. */
  filters?: ReactNode;
  /** Beside Refresh: the live refresh control. */
  live?: ReactNode;
};

const DIALECTS = { oceanbase: 'OceanBase', mysql: 'MySQL', mariadb: 'MariaDB' } as const;

/** Counts and server on the left; View Active Sessions Only, the data's time and Refresh on the right. */
export function Toolbar({
  page,
  fmt,
  activeOnly,
  onActiveOnly,
  refreshing,
  onRefresh,
  actions,
  filters,
  live,
}: Props) {
  const t = useT();
  return (
    <div className="tsp-toolbar">
      <div className="tsp-toolbar-left">
        {page && (
          <>
            <span className="tsp-count">
              <Message
                id="toolbar.sessions"
                values={{ count: page.counts.all }}
                components={[<strong key="0" />]}
              />
            </span>
            <span className="tsp-count">
              <Message
                id="toolbar.active"
                values={{ count: page.counts.active }}
                components={[<strong key="0" />]}
              />
            </span>
            <span className="tsp-server" title={`${DIALECTS[page.dialect]} ${page.serverVersion}`}>
              {page.serverVersion.toLowerCase().includes(page.dialect)
                ? page.serverVersion
                : `${DIALECTS[page.dialect]} ${page.serverVersion}`}
            </span>
          </>
        )}
      </div>
      <div className="tsp-toolbar-right">
        {filters}
        <label className="tsp-check">
          <input
            type="checkbox"
            checked={activeOnly}
            onChange={(event) => onActiveOnly(event.target.checked)}
          />
          {t('toolbar.activeOnly')}
        </label>
        <span className="tsp-asof" aria-live="polite">
          {page ? t('toolbar.asOf', { time: fmt.time(page.capturedAt) }) : ''}
        </span>
        {actions}
        {live}
        <button type="button" className="tsp-btn" onClick={onRefresh} disabled={refreshing}>
          <span aria-hidden="true" className={refreshing ? 'tsp-spin' : undefined}>
            ↻
          </span>{' '}
          {t('toolbar.refresh')}
        </button>
      </div>
    </div>
  );
}
