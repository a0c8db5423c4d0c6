import type { Session, SessionStatus } from '@tenant-sessions/contracts';

export const Dash = () => (
  <span className="tsp-dim">
    <span aria-hidden="true">—</span>
    <span className="tsp-sr">none</span>
  </span>
);

export function SessionIdCell({ session }: { session: Session }) {
  const others = session.otherObservers;
  return (
    <>
      {session.id}
      {others.length > 0 && (
        <span className="tsp-tag" title={`The same id stands on ${others.join(', ')}`}>
          +{others.length} obs
        </span>
      )}
    </>
  );
}

export function SqlCell({ session, onView }: { session: Session; onView?: (s: Session) => void }) {
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
          aria-label={`View SQL of session ${session.id}`}
        >
          View SQL
        </button>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: SessionStatus }) {
  return <span className={`tsp-status tsp-status-${status.toLowerCase()}`}>{status}</span>;
}

export function ObserverCell({ session }: { session: Session }) {
  if (!session.observer) return <Dash />;
  const others = session.otherObservers;
  return (
    <span title={others.length ? `Also on ${others.join(', ')}` : undefined}>
      {session.observer}
      {others.map((o) => (
        <span key={o} className="tsp-also">
          {o}
        </span>
      ))}
    </span>
  );
}
