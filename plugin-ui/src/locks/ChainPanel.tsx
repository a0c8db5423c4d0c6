import { parseSessionKey, type Session, type TenantRef } from '@tenant-sessions/contracts';
import { Fragment, useMemo } from 'react';
import { problemOf, sayProblem } from '../api/errors';
import { useT } from '../i18n/useT';
import { chainOf } from './chain';
import { useChainSessions } from './useChainSessions';

type Props = {
  tenant: TenantRef;
  tenantName: string;
  root: Session;
  /** Filters the list to a session of the chain (by id). */
  onShow: (id: string) => void;
  onDismiss: () => void;
};

/** Who waits on a blocker, path by path (A → B → C), read from the tenant's sessions on demand. */
export function ChainPanel({ tenant, tenantName, root, onShow, onDismiss }: Props) {
  const t = useT();
  const sessions = useChainSessions(tenant, true);
  const rows = sessions.data?.rows;
  const chain = useMemo(() => (rows ? chainOf(root.key, rows) : null), [rows, root.key]);
  const idOf = (key: string) => parseSessionKey(key).id;

  return (
    <section className="tsp-locks-chain" aria-label={t('locks.chainRegion', { id: root.id })}>
      <div className="tsp-locks-chain-head">
        <strong>{t('locks.chainTitle', { id: root.id })}</strong>
        <button type="button" className="tsp-link" onClick={onDismiss}>
          {t('locks.chainClose')}
        </button>
      </div>
      {sessions.isError ? (
        <p className="tsp-error-text">
          {t('locks.chainFailed', { why: sayProblem(problemOf(sessions.error, tenantName, t), t) })}
        </p>
      ) : !chain ? (
        <p className="tsp-dim">{t('locks.chainReading')}</p>
      ) : chain.paths.length === 0 ? (
        <p>{t('locks.chainNone', { id: root.id })}</p>
      ) : (
        <ol className="tsp-locks-paths">
          {chain.paths.map((path) => (
            <li key={path.keys.join(' ')} className="tsp-mono">
              {path.keys.map((key, i) => (
                <Fragment key={path.cycle && i === path.keys.length - 1 ? `again ${key}` : key}>
                  {i > 0 && <span aria-hidden="true"> → </span>}
                  <button type="button" className="tsp-link" onClick={() => onShow(idOf(key))}>
                    {idOf(key)}
                  </button>
                </Fragment>
              ))}
              {path.cycle && <span className="tsp-dim"> {t('locks.chainCycle')}</span>}
            </li>
          ))}
        </ol>
      )}
      {chain && chain.more > 0 && <p className="tsp-dim">{t('locks.chainMore', { count: chain.more })}</p>}
      {sessions.data && sessions.data.total > sessions.data.rows.length && (
        <p className="tsp-dim">{t('locks.chainPartial', { count: sessions.data.rows.length })}</p>
      )}
    </section>
  );
}
