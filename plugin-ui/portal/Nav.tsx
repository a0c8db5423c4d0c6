import type { Cluster } from './catalog';
import { Link } from './Link';
import { diagnosticsPath, type Route, tenantSessionsPath } from './routes';

/** The console's side navigation: overview, each cluster's tenants and its diagnostics. */
export function Nav({ clusters, route }: { clusters: Cluster[]; route: Route }) {
  return (
    <nav className="console-nav" aria-label="Console">
      <Link to="/" active={route.page === 'overview'}>
        Overview
      </Link>
      {clusters.map((cluster) => (
        <section key={cluster.clusterId}>
          <h3>{cluster.clusterName}</h3>
          <ul>
            {cluster.tenants.map((t) => (
              <li key={t.tenantId}>
                <Link
                  to={tenantSessionsPath(t.clusterId, t.tenantId)}
                  active={
                    route.page === 'tenant-sessions' &&
                    route.clusterId === t.clusterId &&
                    route.tenantId === t.tenantId
                  }
                >
                  Tenant {t.tenantName}
                </Link>
              </li>
            ))}
            <li>
              <Link
                to={diagnosticsPath(cluster.clusterId)}
                active={route.page === 'diagnostics' && route.clusterId === cluster.clusterId}
              >
                Real-time Diagnostics
              </Link>
            </li>
          </ul>
        </section>
      ))}
    </nav>
  );
}
