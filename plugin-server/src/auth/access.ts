import { type Right, readsWholeCluster, rightsOn, type TenantRef } from '@tenant-sessions/contracts';
import type { TenantHandle } from '../tenants/handle';
import type { TenantRegistry } from '../tenants/registry';
import { failure } from '../trpc/errors';
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
    throw failure('UNKNOWN_TENANT', `No tenant ${ref} is configured in this sidecar`);
  if (!handle || !granted.has('read'))
    throw failure('NO_READ', `Your token does not grant read on tenant ${ref}`);
  if (!granted.has(right)) throw failure('NO_KILL', `Your token grants read but not kill on tenant ${ref}`);
  return handle;
};
