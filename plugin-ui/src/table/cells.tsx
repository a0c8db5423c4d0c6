import type { Session, SessionStatus } from '@tenant-sessions/contracts';
import { useT } from '../i18n/useT';

export const Dash = () => {
  const t = useT();
  return (
    <span className="tsp-dim">
      <span aria-hidden="true">—</span>
      <span className="tsp-sr">{t('cell.none')}</span>
    </span>
  );
};

export function SessionIdCell({ session }: { session: Session }) {
  const t = useT();
  const others = session.otherObservers;
  return (
    <>
      {session.id}
      {others.length > 0 && (
        <span className="tsp-tag" title={t('cell.sameIdOn', { observers: others.join(', ') })}>
          {t('cell.otherObservers', { count: others.length })}
        </span>
      )}
    </>
  );
}

export function SqlCell({ session, onView }: { session: Session; onView?: (s: Session) => void }) {
  const t = useT();
  const preview = session.sqlPreview;
  return (
    <div className="tsp-sql">
      {preview ? (
        <span className="tsp-sql-preview" title={preview}>
          {preview}
        </span>
      ) : (
        <Dash />
      )}
      {session.status === 'ACTIVE' && onView && (
        <button
          type="button"
          className="tsp-link"
          onClick={() => onView(session)}
          aria-label={t('cell.viewSqlOf', { id: session.id })}
        >
          {t('cell.viewSql')}
        </button>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: SessionStatus }) {
  return <span className={`tsp-status tsp-status-${status.toLowerCase()}`}>{status}</span>;
}

export function ObserverCell({ session }: { session: Session }) {
  const t = useT();
  if (!session.observer) return <Dash />;
  const others = session.otherObservers;
  return (
    <span title={others.length ? t('cell.alsoOn', { observers: others.join(', ') }) : undefined}>
      {session.observer}
      {others.map((o) => (
        <span key={o} className="tsp-also">
          {o}
        </span>
      ))}
    </span>
  );
}
