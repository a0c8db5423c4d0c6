import type { Cluster } from './catalog';
import { useConsoleT } from './i18n/language';
import { Link } from './Link';
import { diagnosticsPath, type Route, tenantSessionsPath } from './routes';

/** The console's side navigation: overview, each cluster's tenants and its diagnostics. */
export function Nav({ clusters, route }: { clusters: Cluster[]; route: Route }) {
  const t = useConsoleT();
  return (
    <nav className="console-nav" aria-label={t('navLabel')}>
      <Link to="/" active={route.page === 'overview'}>
        {t('overview')}
      </Link>
      {clusters.map((cluster) => (
        <section key={cluster.clusterId}>
          <h3>{cluster.clusterName}</h3>
          <ul>
            {cluster.tenants.map((tenant) => (
              <li key={tenant.tenantId}>
                <Link
                  to={tenantSessionsPath(tenant.clusterId, tenant.tenantId)}
                  active={
                    route.page === 'tenant-sessions' &&
                    route.clusterId === tenant.clusterId &&
                    route.tenantId === tenant.tenantId
                  }
                >
                  {t('tenantNamed', { tenant: tenant.tenantName })}
                </Link>
              </li>
            ))}
            <li>
              <Link
                to={diagnosticsPath(cluster.clusterId)}
                active={route.page === 'diagnostics' && route.clusterId === cluster.clusterId}
              >
                {t('diagnostics')}
              </Link>
            </li>
          </ul>
        </section>
      ))}
    </nav>
  );
}
