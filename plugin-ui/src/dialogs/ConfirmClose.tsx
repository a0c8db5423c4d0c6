import type { KillKind, Session } from '@tenant-sessions/contracts';
import { Dialog } from './Dialog';

export type CloseTarget = { session: Session; kind: KillKind };

const WORDS: Record<KillKind, { title: string; confirm: string; effect: string }> = {
  session: {
    title: 'Close this session?',
    confirm: 'Close Session',
    effect: 'The connection is ended; its open transaction is rolled back.',
  },
  query: {
    title: 'Close the current query?',
    confirm: 'Close Query',
    effect: 'The running statement is stopped; the connection stays open.',
  },
};

/** The confirmation before a kill: which session, whose, from where, running what. */
export function ConfirmClose(props: {
  target: CloseTarget;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { target, busy, onConfirm, onCancel } = props;
  const { session, kind } = target;
  const words = WORDS[kind];
  return (
    <Dialog
      title={words.title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="tsp-btn tsp-btn-quiet" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className="tsp-btn tsp-btn-danger" onClick={onConfirm} disabled={busy}>
            {busy ? 'Closing…' : words.confirm}
          </button>
        </>
      }
    >
      <p>{words.effect}</p>
      <dl className="tsp-facts">
        <dt>Session ID</dt>
        <dd className="tsp-mono">{session.id}</dd>
        <dt>User</dt>
        <dd>{session.user}</dd>
        <dt>Source</dt>
        <dd className="tsp-mono">{session.source}</dd>
        {session.observer && (
          <>
            <dt>observer</dt>
            <dd className="tsp-mono">{session.observer}</dd>
          </>
        )}
        <dt>SQL</dt>
        <dd>
          <pre className="tsp-sql-preview-block">
            {session.sqlPreview ?? '(none)'}
            {session.sqlTruncated ? '…' : ''}
          </pre>
        </dd>
      </dl>
    </Dialog>
  );
}
