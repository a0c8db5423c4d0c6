import type { Cluster } from './catalog';
import { Link } from './Link';
import { diagnosticsPath, tenantSessionsPath } from './routes';

/** A host page unrelated to sessions: what the console shows first. */
export function Overview({ clusters }: { clusters: Cluster[] }) {
  return (
    <>
      <p className="console-trail">Console</p>
      <h1>Overview</h1>
      <div className="console-grid">
        {clusters.map((cluster) => (
          <article key={cluster.clusterId} className="console-card">
            <h2>{cluster.clusterName}</h2>
            <p className="console-dim">
              {cluster.tenants.length} tenant{cluster.tenants.length === 1 ? '' : 's'} ·{' '}
              <Link to={diagnosticsPath(cluster.clusterId)}>Real-time Diagnostics</Link>
            </p>
            <table className="console-table">
              <thead>
                <tr>
                  <th>Tenant</th>
                  <th>Engine</th>
                  <th>Your rights</th>
                </tr>
              </thead>
              <tbody>
                {cluster.tenants.map((t) => (
                  <tr key={t.tenantId}>
                    <td>
                      <Link to={tenantSessionsPath(t.clusterId, t.tenantId)}>{t.tenantName}</Link>
                    </td>
                    <td>{[t.dialect ?? 'not reached yet', t.serverVersion].filter(Boolean).join(' ')}</td>
                    <td>{t.rights.join(', ')}</td>
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
