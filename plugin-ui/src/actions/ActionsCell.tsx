import type { Session } from '@tenant-sessions/contracts';
import { useId } from 'react';
import { useT } from '../i18n/useT';
import type { SessionsTableMeta } from '../table/features';
import { MoreMenu } from './MoreMenu';

/** Close Session, and Close Current Query under "…"; disabled with the reason on protected rows. */
export function ActionsCell({ session, meta }: { session: Session; meta: SessionsTableMeta }) {
  const reasonId = useId();
  const t = useT();
  if (meta.killRefused) {
    return (
      <span className="tsp-dim" title={meta.killRefused}>
        {t('actions.viewOnly')}
      </span>
    );
  }
  const locked = session.protected;
  const why = session.protectedReason ?? t('actions.protectedDefault');
  return (
    <div className="tsp-actions">
      <button
        type="button"
        className="tsp-link"
        disabled={locked}
        aria-describedby={locked ? reasonId : undefined}
        onClick={() => meta.onClose(session, 'session')}
      >
        {t('actions.closeSession')}
      </button>
      <MoreMenu
        label={t('actions.more', { id: session.id })}
        text={t('actions.moreText')}
        disabled={locked}
        items={[{ label: t('actions.closeQuery'), onSelect: () => meta.onClose(session, 'query') }]}
      />
      {locked && (
        <span id={reasonId} className="tsp-protected" title={why}>
          {t('actions.protected')}
          <span className="tsp-sr">: {why}</span>
        </span>
      )}
    </div>
  );
}
