import type { Session, TenantRef } from '@tenant-sessions/contracts';
import { problemOf, sayProblem } from '../api/errors';
import { useSessionSql } from '../api/queries';
import { useT } from '../i18n/useT';
import { CopyButton } from './CopyButton';
import { Dialog } from './Dialog';

function SqlBody({
  state,
  sessionId,
  tenantName,
}: {
  state: ReturnType<typeof useSessionSql>;
  sessionId: string;
  tenantName: string;
}) {
  const t = useT();
  if (state.isPending) return <p className="tsp-dim">{t('sql.reading')}</p>;
  if (state.isError) {
    return <p className="tsp-error-text">{sayProblem(problemOf(state.error, tenantName, t), t)}</p>;
  }
  if (!state.data.found) return <p>{t('sql.ended', { id: sessionId })}</p>;
  if (state.data.sql === null) return <p>{t('sql.idle', { id: sessionId })}</p>;
  return (
    <section aria-label={t('sql.region')}>
      <pre className="tsp-sql-full">{state.data.sql}</pre>
    </section>
  );
}

/** View SQL: the full current statement of one session, read fresh (sessions.sql). */
export function SqlDialog({
  tenant,
  tenantName,
  session,
  onClose,
}: {
  tenant: TenantRef;
  tenantName: string;
  session: Session;
  onClose: () => void;
}) {
  const t = useT();
  const state = useSessionSql({ ...tenant, sessionKey: session.key });
  const { user, source, observer } = session;
  return (
    <Dialog
      title={t('sql.title', { id: session.id })}
      onClose={onClose}
      footer={
        <>
          <CopyButton text={state.data?.sql ?? null} />
          <button type="button" className="tsp-btn tsp-btn-quiet" onClick={onClose}>
            {t('sql.close')}
          </button>
        </>
      }
    >
      <p className="tsp-dialog-meta">
        {observer ? t('sql.whoOn', { user, source, observer }) : t('sql.who', { user, source })}
      </p>
      <SqlBody state={state} sessionId={session.id} tenantName={tenantName} />
    </Dialog>
  );
}
