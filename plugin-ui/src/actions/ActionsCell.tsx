import type { Session } from '@tenant-sessions/contracts';
import { useId } from 'react';
import type { SessionsTableMeta } from '../table/features';
import { MoreMenu } from './MoreMenu';

/** Close Session, and Close Current Query under "…"; disabled with the reason on protected rows. */
export function ActionsCell({ session, meta }: { session: Session; meta: SessionsTableMeta }) {
  const reasonId = useId();
  if (meta.killRefused) {
    return (
      <span className="tsp-dim" title={meta.killRefused}>
        View only
      </span>
    );
  }
  const locked = session.protected;
  const why = session.protectedReason ?? 'This session may not be closed from here.';
  return (
    <div className="tsp-actions">
      <button
        type="button"
        className="tsp-link"
        disabled={locked}
        aria-describedby={locked ? reasonId : undefined}
        onClick={() => meta.onClose(session, 'session')}
      >
        Close Session
      </button>
      <MoreMenu
        label={`More actions for session ${session.id}`}
        disabled={locked}
        items={[{ label: 'Close Current Query', onSelect: () => meta.onClose(session, 'query') }]}
      />
      {locked && (
        <span id={reasonId} className="tsp-protected" title={why}>
          Protected<span className="tsp-sr">: {why}</span>
        </span>
      )}
    </div>
  );
}
