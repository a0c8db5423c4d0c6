import { useQuery } from '@tanstack/react-query';
import { LIMITS, type ListInput, type TenantRef } from '@tenant-sessions/contracts';
import { useApi } from '../api/ApiContext';
import { queryKeys } from '../api/queries';

/**
 * The tenant's sessions for a lock chain, read when a chain is asked for: the waiters of a blocker
 * need not be on the page shown (the Blockers filter lists only blockers). One page of the largest
 * size, most blocking first; under the tenant's key, so a close refreshes it too.
 */
export function useChainSessions(tenant: TenantRef, enabled: boolean) {
  const api = useApi();
  const input: ListInput = {
    clusterId: tenant.clusterId,
    tenantId: tenant.tenantId,
    sort: { column: 'blocking', direction: 'desc' },
    pageIndex: 0,
    pageSize: LIMITS.maxPageSize,
  };
  return useQuery({
    queryKey: queryKeys.list(input),
    queryFn: ({ signal }) => api.list(input, signal),
    enabled,
  });
}
