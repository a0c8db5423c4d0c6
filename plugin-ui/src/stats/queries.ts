import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatsInput } from '@tenant-sessions/contracts';
import { useApi } from '../api/ApiContext';
import { queryKeys } from '../api/queries';

/** Under the tenant's sessions key: a close (which invalidates it) refreshes the statistics too. */
export const statsKey = (input: StatsInput) =>
  [
    ...queryKeys.sessions(input.clusterId, input.tenantId),
    'stats',
    input.activeOnly ?? false,
    ...(input.search ? [input.search] : []),
  ] as const;

/**
 * The tenant's Session Statistics (`sessions.stats`); the last answer stays while the next loads.
 * `enabled` false asks nothing (a table's own search, while it has none).
 */
export function useSessionStats(input: StatsInput, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: statsKey(input),
    queryFn: ({ signal }) => api.stats(input, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
