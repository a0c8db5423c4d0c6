import type { KillKind, Session, TenantRef } from '@tenant-sessions/contracts';
import { type KeyboardEvent, useId, useLayoutEffect, useRef } from 'react';
import { problemOf, sayProblem } from '../api/errors';
import { useSessionSql } from '../api/queries';
import type { Formatters } from '../format';
import { loosely } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { FieldCopy } from './FieldCopy';
import { factsOf } from './facts';

type Props = {
  tenant: TenantRef;
  tenantName: string;
  /** The session as last listed (the current page's row while it is there). */
  session: Session;
  /** False once a refresh no longer lists the session: the values shown are the last read. */
  listed: boolean;
  fmt: Formatters;
  /** Null when the operator may close sessions here; otherwise why not. */
  killRefused: string | null;
  onCloseSession: (session: Session, kind: KillKind) => void;
  onDismiss: () => void;
};

/** The full text of the current statement, read fresh (sessions.sql) when the panel opens. */
function FullSql({ tenant, tenantName, session }: Pick<Props, 'tenant' | 'tenantName' | 'session'>) {
  const t = useT();
  const state = useSessionSql({ ...tenant, sessionKey: session.key });
  const title = t('details.sql');
  let body: React.ReactNode;
  if (state.isPending) body = <p className="tsp-dim">{t('details.sqlReading')}</p>;
  else if (state.isError)
    body = <p className="tsp-error-text">{sayProblem(problemOf(state.error, tenantName, t), t)}</p>;
  else if (!state.data.found) body = <p>{t('details.sqlEnded')}</p>;
  else if (state.data.sql === null) body = <p>{t('details.sqlNone')}</p>;
  else
    body = (
      <>
        <pre className="tsp-sql-full">{state.data.sql}</pre>
        <FieldCopy text={state.data.sql} field={title} />
      </>
    );
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {body}
    </section>
  );
}

/**
 * The details of one session, in a side panel: every value the sidecar knows of it, each with
 * Copy, the full SQL read fresh, and the row's close actions (the same confirmation as the row's).
 * Focus moves in when it opens; Escape (or Close) closes it and focus returns where it was.
 */
export function SessionDetails(props: Props) {
  const { tenant, tenantName, session, listed, fmt, killRefused, onCloseSession, onDismiss } = props;
  const t = useT();
  const titleId = useId();
  const reasonId = useId();
  const box = useRef<HTMLElement>(null);

  // A layout effect, so focus is back on the row before anything else takes it.
  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onDismiss();
    }
  };
  const locked = session.protected;
  const why = session.protectedReason ?? t('actions.protectedDefault');

  return (
    <aside
      ref={box}
      className="tsp-details"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
    >
      <header className="tsp-details-head">
        <h2 id={titleId}>{t('details.title', { id: session.id })}</h2>
        <button
          type="button"
          className="tsp-icon-btn"
          aria-label={t('details.close')}
          data-autofocus
          onClick={onDismiss}
        >
          ×
        </button>
      </header>
      <div className="tsp-details-body">
        {!listed && <p className="tsp-notice tsp-notice-warning">{t('details.gone', { id: session.id })}</p>}
        <dl className="tsp-facts">
          {factsOf(session, fmt).map((fact) => {
            const label = loosely(t)(fact.label);
            return (
              <div key={fact.key} style={{ display: 'contents' }}>
                <dt>{label}</dt>
                <dd className={fact.key === 'id' || fact.key === 'source' ? 'tsp-mono' : undefined}>
                  {fact.value ?? (
                    <span className="tsp-dim">
                      <span aria-hidden="true">—</span>
                      <span className="tsp-sr">{t('cell.none')}</span>
                    </span>
                  )}
                </dd>
                <dd className="tsp-fact-copy">
                  {fact.value !== null && <FieldCopy text={fact.value} field={label} />}
                </dd>
              </div>
            );
          })}
        </dl>
        <FullSql key={session.key} tenant={tenant} tenantName={tenantName} session={session} />
      </div>
      <footer className="tsp-details-actions">
        {killRefused ? (
          <span className="tsp-dim">{killRefused}</span>
        ) : (
          <>
            <button
              type="button"
              className="tsp-btn tsp-btn-danger"
              disabled={locked || !listed}
              aria-describedby={locked ? reasonId : undefined}
              onClick={() => onCloseSession(session, 'session')}
            >
              {t('actions.closeSession')}
            </button>
            <button
              type="button"
              className="tsp-btn"
              disabled={locked || !listed}
              aria-describedby={locked ? reasonId : undefined}
              onClick={() => onCloseSession(session, 'query')}
            >
              {t('actions.closeQuery')}
            </button>
            {locked && (
              <span id={reasonId} className="tsp-protected">
                {t('actions.protected')}: {why}
              </span>
            )}
          </>
        )}
      </footer>
    </aside>
  );
}
