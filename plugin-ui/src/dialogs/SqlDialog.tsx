import type { Session, TenantRef } from '@tenant-sessions/contracts';
import { problemOf } from '../api/errors';
import { useSessionSql } from '../api/queries';
import { CopyButton } from './CopyButton';
import { Dialog } from './Dialog';

function SqlBody({ state, sessionId }: { state: ReturnType<typeof useSessionSql>; sessionId: string }) {
  if (state.isPending) return <p className="tsp-dim">Reading the SQL text…</p>;
  if (state.isError) {
    const problem = problemOf(state.error, 'this tenant');
    return (
      <p className="tsp-error-text">
        {problem.title}
        {problem.detail ? `: ${problem.detail}` : ''}
      </p>
    );
  }
  if (!state.data.found) return <p>Session {sessionId} has ended since the list was read.</p>;
  if (state.data.sql === null) return <p>Session {sessionId} runs no statement now.</p>;
  return (
    <section aria-label="Full SQL text">
      <pre className="tsp-sql-full">{state.data.sql}</pre>
    </section>
  );
}

/** View SQL: the full current statement of one session, read fresh (sessions.sql). */
export function SqlDialog({
  tenant,
  session,
  onClose,
}: {
  tenant: TenantRef;
  session: Session;
  onClose: () => void;
}) {
  const state = useSessionSql({ ...tenant, sessionKey: session.key });
  return (
    <Dialog
      title={`SQL of session ${session.id}`}
      onClose={onClose}
      footer={
        <>
          <CopyButton text={state.data?.sql ?? null} />
          <button type="button" className="tsp-btn tsp-btn-quiet" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <p className="tsp-dialog-meta">
        {session.user} from {session.source}
        {session.observer ? ` on ${session.observer}` : ''}
      </p>
      <SqlBody state={state} sessionId={session.id} />
    </Dialog>
  );
}
