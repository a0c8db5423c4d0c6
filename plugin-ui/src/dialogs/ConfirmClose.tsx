import type { KillKind, Session } from '@tenant-sessions/contracts';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { ReleaseNote } from '../locks/ReleaseNote';
import { Dialog } from './Dialog';

export type CloseTarget = { session: Session; kind: KillKind };

const WORDS = {
  session: {
    title: 'confirm.session.title',
    confirm: 'confirm.session.confirm',
    effect: 'confirm.session.effect',
  },
  query: {
    title: 'confirm.query.title',
    confirm: 'confirm.query.confirm',
    effect: 'confirm.query.effect',
  },
} as const satisfies Record<KillKind, { title: MessageKey; confirm: MessageKey; effect: MessageKey }>;

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
  const t = useT();
  return (
    <Dialog
      title={t(words.title)}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="tsp-btn tsp-btn-quiet" onClick={onCancel} data-autofocus>
            {t('confirm.cancel')}
          </button>
          <button type="button" className="tsp-btn tsp-btn-danger" onClick={onConfirm} disabled={busy}>
            {busy ? t('confirm.closing') : t(words.confirm)}
          </button>
        </>
      }
    >
      <p>{t(words.effect)}</p>
      <ReleaseNote session={session} kind={kind} />
      <dl className="tsp-facts">
        <dt>{t('column.id')}</dt>
        <dd className="tsp-mono">{session.id}</dd>
        <dt>{t('column.user')}</dt>
        <dd>{session.user}</dd>
        <dt>{t('column.source')}</dt>
        <dd className="tsp-mono">{session.source}</dd>
        {session.observer && (
          <>
            <dt>{t('column.observer')}</dt>
            <dd className="tsp-mono">{session.observer}</dd>
          </>
        )}
        <dt>{t('column.sql')}</dt>
        <dd>
          <pre className="tsp-sql-preview-block">
            {session.sqlPreview ?? t('confirm.noSql')}
            {session.sqlTruncated ? '…' : ''}
          </pre>
        </dd>
      </dl>
    </Dialog>
  );
}
