/** The console's pages, from the path (docs/architecture.md: the two entry points). */
export type Route =
  | { page: 'overview' }
  | { page: 'tenant-sessions'; clusterId: string; tenantId: string }
  | { page: 'diagnostics'; clusterId: string }
  | { page: 'not-found'; path: string };

export function routeOf(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c, d, e] = parts;
  if (parts.length === 0) return { page: 'overview' };
  if (parts.length === 5 && a === 'clusters' && c === 'tenants' && e === 'sessions' && b && d) {
    return { page: 'tenant-sessions', clusterId: b, tenantId: d };
  }
  if (parts.length === 3 && a === 'diagnostics' && c === 'sessions' && b)
    return { page: 'diagnostics', clusterId: b };
  return { page: 'not-found', path: pathname };
}

export const tenantSessionsPath = (clusterId: string, tenantId: string) =>
  `/clusters/${encodeURIComponent(clusterId)}/tenants/${encodeURIComponent(tenantId)}/sessions`;
export const diagnosticsPath = (clusterId: string) =>
  `/diagnostics/${encodeURIComponent(clusterId)}/sessions`;
