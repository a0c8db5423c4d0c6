import type { Cluster } from './catalog';
import { useConsoleT } from './i18n/language';
import { Link } from './Link';
import { diagnosticsPath, tenantSessionsPath } from './routes';

/** A host page unrelated to sessions: what the console shows first. */
export function Overview({ clusters }: { clusters: Cluster[] }) {
  const t = useConsoleT();
  return (
    <>
      <p className="console-trail">{t('console')}</p>
      <h1>{t('overview')}</h1>
      <div className="console-grid">
        {clusters.map((cluster) => (
          <article key={cluster.clusterId} className="console-card">
            <h2>{cluster.clusterName}</h2>
            <p className="console-dim">
              {t('tenantCount', { count: cluster.tenants.length })} ·{' '}
              <Link to={diagnosticsPath(cluster.clusterId)}>{t('diagnostics')}</Link>
            </p>
            <table className="console-table">
              <thead>
                <tr>
                  <th>{t('col.tenant')}</th>
                  <th>{t('col.engine')}</th>
                  <th>{t('col.rights')}</th>
                </tr>
              </thead>
              <tbody>
                {cluster.tenants.map((tenant) => (
                  <tr key={tenant.tenantId}>
                    <td>
                      <Link to={tenantSessionsPath(tenant.clusterId, tenant.tenantId)}>
                        {tenant.tenantName}
                      </Link>
                    </td>
                    <td>
                      {[tenant.dialect ?? t('notReached'), tenant.serverVersion].filter(Boolean).join(' ')}
                    </td>
                    <td>{tenant.rights.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </div>
    </>
  );
}
