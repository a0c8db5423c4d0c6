import { rightsOn, type SessionsClaim, type Tenant } from '@tenant-sessions/contracts';
import type { TenantRegistry } from './registry';

/**
 * tenants.list: the configured tenants the operator may read (of one cluster, when named), each
 * with the operator's rights on it and what the sidecar knows of its server.
 */
export const tenantsFor = (registry: TenantRegistry, claim: SessionsClaim, clusterId?: string): Tenant[] =>
  registry
    .all()
    .filter((h) => clusterId === undefined || h.config.clusterId === clusterId)
    .map((h) => ({ h, rights: [...rightsOn(claim, h.config.clusterId, h.config.tenantId)].sort() }))
    .filter(({ rights }) => rights.includes('read'))
    .map(({ h, rights }) => ({
      clusterId: h.config.clusterId,
      clusterName: h.config.clusterName,
      tenantId: h.config.tenantId,
      tenantName: h.config.tenantName,
      dialect: h.config.dialect ?? h.probe?.dialect.name ?? null,
      serverVersion: h.probe?.serverVersion ?? null,
      rights,
    }));
