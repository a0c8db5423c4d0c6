import { type Right, readsWholeCluster, rightsOn, type TenantRef } from '@tenant-sessions/contracts';
import { SidecarError } from '../errors/sidecarError';
import type { TenantHandle } from '../tenants/handle';
import type { TenantRegistry } from '../tenants/registry';
import type { Operator } from './tokens';

/**
 * The tenant a call names, if the operator holds `right` on it. An unknown tenant and one the
 * token does not grant answer alike, unless the token may read the whole cluster.
 */
export const authorizedTenant = (
  registry: TenantRegistry,
  operator: Operator,
  { clusterId, tenantId }: TenantRef,
  right: Right,
): TenantHandle => {
  const handle = registry.find(clusterId, tenantId);
  const granted = rightsOn(operator.claim, clusterId, tenantId);
  const ref = `${clusterId}/${tenantId}`;
  if (!handle && readsWholeCluster(operator.claim, clusterId))
    throw new SidecarError('UNKNOWN_TENANT', `No tenant ${ref} is configured in this sidecar`, {
      tenant: ref,
    });
  if (!handle || !granted.has('read'))
    throw new SidecarError('NO_READ', `Your token does not grant read on tenant ${ref}`, { tenant: ref });
  if (!granted.has(right))
    throw new SidecarError('NO_KILL', `Your token grants read but not kill on tenant ${ref}`, {
      tenant: ref,
    });
  return handle;
};
