import type { Tenant } from '@tenant-sessions/contracts';

export type Cluster = { clusterId: string; clusterName: string; tenants: Tenant[] };

/** The console's navigation: every tenant the operator may read (tenants.list), by cluster. */
export async function loadCatalog(getAuthToken: () => Promise<string>): Promise<Cluster[]> {
  const input = encodeURIComponent(JSON.stringify({}));
  const response = await fetch(`/trpc/tenants.list?input=${input}`, {
    headers: { authorization: `Bearer ${await getAuthToken()}` },
  });
  const body = (await response.json().catch(() => null)) as {
    result?: { data: Tenant[] };
    error?: { message: string };
  } | null;
  if (!response.ok || !body?.result) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  const clusters = new Map<string, Cluster>();
  for (const tenant of body.result.data) {
    const cluster = clusters.get(tenant.clusterId) ?? {
      clusterId: tenant.clusterId,
      clusterName: tenant.clusterName,
      tenants: [],
    };
    cluster.tenants.push(tenant);
    clusters.set(tenant.clusterId, cluster);
  }
  return [...clusters.values()];
}
