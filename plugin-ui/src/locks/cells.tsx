import { parseSessionKey, type Session } from '@tenant-sessions/contracts';
import { useT } from '../i18n/useT';
import { Dash } from '../table/cells';
import type { SessionsTableMeta } from '../table/features';
import { useLocks } from './LocksContext';

/** "not available" with the reason (never 0 or "none": there was no reading). */
export function NotAvailable() {
  const t = useT();
  const { reason } = useLocks();
  const why = t('locks.notAvailableWhy', { reason: reason ?? t('locks.notAvailableDefault') });
  return (
    <span className="tsp-dim tsp-locks-na" title={why}>
      {t('locks.notAvailable')}
      <span className="tsp-sr">{` (${why})`}</span>
    </span>
  );
}

/** Age of the open transaction (also while sleeping); a dash when there is none. */
export function TransactionCell({ session, meta }: { session: Session; meta?: SessionsTableMeta }) {
  const { available } = useLocks();
  if (!available) return <NotAvailable />;
  const seconds = session.transactionSeconds;
  if (seconds === null) return <Dash />;
  return <>{meta?.fmt.seconds(seconds) ?? seconds}</>;
}

/** The ids of the sessions this one waits on, each a link that filters the list to it. */
export function BlockedByCell({ session, onShow }: { session: Session; onShow: (id: string) => void }) {
  const t = useT();
  const { available } = useLocks();
  if (!available) return <NotAvailable />;
  const ids = [...new Set(session.blockedBy.map((key) => parseSessionKey(key).id))];
  if (ids.length === 0) return <Dash />;
  return (
    <span className="tsp-locks-by">
      {ids.map((id) => (
        <button
          key={id}
          type="button"
          className="tsp-link tsp-mono"
          aria-label={t('locks.showBlocker', { id })}
          title={t('locks.showBlocker', { id })}
          onClick={() => onShow(id)}
        >
          {id}
        </button>
      ))}
    </span>
  );
}

/** How many wait on this session (down the chain), with the chain on demand. */
export function BlockingCell({ session, onChain }: { session: Session; onChain?: (s: Session) => void }) {
  const t = useT();
  const { available } = useLocks();
  if (!available) return <NotAvailable />;
  if (session.blocking === 0) return <Dash />;
  const count = t('locks.blockingCount', { count: session.blocking, id: session.id });
  return (
    <span className="tsp-locks-blocking">
      <strong title={count}>{session.blocking}</strong>
      {onChain && (
        <button
          type="button"
          className="tsp-link"
          aria-label={t('locks.chainOf', { id: session.id })}
          onClick={() => onChain(session)}
        >
          {t('locks.chain')}
        </button>
      )}
    </span>
  );
}

/** Beside the status: a sleeping session with an open transaction says so, in words. */
export function InTransactionTag({ session, meta }: { session: Session; meta?: SessionsTableMeta }) {
  const t = useT();
  const { available } = useLocks();
  const seconds = session.transactionSeconds;
  if (!available || seconds === null || session.status !== 'SLEEP') return null;
  const shown = meta?.fmt.count(Math.round(seconds)) ?? String(Math.round(seconds));
  return (
    <span className="tsp-locks-intrx" title={t('locks.inTransactionTitle', { seconds: shown })}>
      <span aria-hidden="true"> · </span>
      {t('locks.inTransaction', { seconds: shown })}
    </span>
  );
}
