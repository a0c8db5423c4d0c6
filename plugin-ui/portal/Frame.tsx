import type { Right } from '@tenant-sessions/contracts';
import { useEffect, useState } from 'react';
import type { Auth } from './auth';
import { type Cluster, loadCatalog } from './catalog';
import { Nav } from './Nav';
import { Overview } from './Overview';
import { SessionsPage } from './SessionsPage';
import { useRoute } from './useRoute';

export const RIGHTS_KEY = 'console-demo-rights';

/** The console frame: top bar (operator, read-only switch), navigation, and the current page. */
export function Frame({ auth, mode }: { auth: Auth; mode: string }) {
  const route = useRoute();
  const [epoch, setEpoch] = useState(0);
  const [operator, setOperator] = useState('');
  const [clusters, setClusters] = useState<Cluster[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const readOnly = !auth.rights().includes('kill');

  // biome-ignore lint/correctness/useExhaustiveDependencies: epoch is the reason to sign in again
  useEffect(() => {
    let live = true;
    auth.operator().then(
      (o) => live && setOperator(o),
      () => undefined,
    );
    loadCatalog(auth.getAuthToken).then(
      (c) => live && setClusters(c),
      (e: Error) => live && setProblem(e.message),
    );
    return () => {
      live = false;
    };
  }, [auth, epoch]);

  const switchRights = (next: Right[]) => {
    sessionStorage.setItem(RIGHTS_KEY, next.join(','));
    auth.setRights(next);
    setEpoch((e) => e + 1);
  };

  return (
    <div className="console">
      <header className="console-bar">
        <span className="console-brand">Database Console</span>
        {mode === 'demo' && <span className="console-badge">demo data</span>}
        <span className="console-spacer" />
        <label className="console-switch">
          <input
            type="checkbox"
            checked={readOnly}
            onChange={(e) => switchRights(e.target.checked ? ['read'] : ['read', 'kill'])}
          />
          Read-only operator
        </label>
        <span className="console-user">{operator}</span>
      </header>
      <div className="console-body">
        <Nav clusters={clusters ?? []} route={route} />
        <main className="console-main" key={epoch}>
          {problem && <p className="console-problem">The console could not list tenants: {problem}</p>}
          <Page route={route} auth={auth} clusters={clusters ?? []} />
        </main>
      </div>
    </div>
  );
}

function Page({
  route,
  auth,
  clusters,
}: {
  route: ReturnType<typeof useRoute>;
  auth: Auth;
  clusters: Cluster[];
}) {
  const cluster = (id: string) => clusters.find((c) => c.clusterId === id)?.clusterName ?? id;
  switch (route.page) {
    case 'overview':
      return <Overview clusters={clusters} />;
    case 'tenant-sessions':
      return (
        <SessionsPage
          auth={auth}
          clusterId={route.clusterId}
          tenantId={route.tenantId}
          title={`Tenant ${route.tenantId}`}
          trail={['Clusters', cluster(route.clusterId), 'Tenants', route.tenantId]}
          tabs={['Overview', 'Session Management', 'Parameters']}
        />
      );
    case 'diagnostics':
      return (
        <SessionsPage
          auth={auth}
          clusterId={route.clusterId}
          title="Real-time Diagnostics"
          trail={['Diagnostics', cluster(route.clusterId), 'Session Management', 'Tenant Session']}
          tabs={['SQL Diagnostics', 'Session Management', 'Lock Analysis']}
        />
      );
    default:
      return <p>No page at {route.path}.</p>;
  }
}
