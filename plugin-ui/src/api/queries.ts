import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditListInput, KillInput, KillKind, ListInput, SqlInput } from '@tenant-sessions/contracts';
import { useApi } from './ApiContext';

export const queryKeys = {
  tenants: (clusterId: string) => ['tenants', clusterId] as const,
  sessions: (clusterId: string, tenantId: string) => ['sessions', clusterId, tenantId] as const,
  list: (input: ListInput) =>
    [...queryKeys.sessions(input.clusterId, input.tenantId), 'list', input] as const,
  sql: (input: SqlInput) =>
    [...queryKeys.sessions(input.clusterId, input.tenantId), 'sql', input.sessionKey] as const,
  /** Under the tenant's sessions key, so that a close (which invalidates it) refreshes the audit too. */
  audit: (input: AuditListInput) =>
    [...queryKeys.sessions(input.clusterId, input.tenantId), 'audit', input] as const,
};

export function useTenants(clusterId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.tenants(clusterId),
    queryFn: ({ signal }) => api.tenants(clusterId, signal),
  });
}

/** One page of sessions; the previous page stays on screen while the next one loads. */
export function useSessionPage(input: ListInput) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.list(input),
    queryFn: ({ signal }) => api.list(input, signal),
    placeholderData: keepPreviousData,
  });
}

/** The full SQL text of one session, read fresh each time the dialog opens. */
export function useSessionSql(input: SqlInput) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.sql(input),
    queryFn: ({ signal }) => api.sql(input, signal),
    gcTime: 0,
  });
}

/** The tenant's recent closes (audit.list), read only while the panel is open. */
export function useAuditPage(input: AuditListInput, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.audit(input),
    queryFn: ({ signal }) => api.audit(input, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Close Session (`session`) or Close Current Query (`query`); the tenant's lists refresh after. */
export function useKill() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, input }: { kind: KillKind; input: KillInput }) => api.kill(kind, input),
    onSettled: (_data, _error, { input }) =>
      queryClient.invalidateQueries({ queryKey: queryKeys.sessions(input.clusterId, input.tenantId) }),
  });
}
