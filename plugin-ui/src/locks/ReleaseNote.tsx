import type { KillKind, Session } from '@tenant-sessions/contracts';
import { useT } from '../i18n/useT';

/** In the close confirmation of a blocker: how many waiting sessions it should release, and what rolls back. */
export function ReleaseNote({ session, kind }: { session: Session; kind: KillKind }) {
  const t = useT();
  if (session.blocking <= 0) return null;
  const count = session.blocking;
  return (
    <p className="tsp-locks-release">
      {kind === 'session' ? t('locks.releaseSession', { count }) : t('locks.releaseQuery', { count })}
    </p>
  );
}
