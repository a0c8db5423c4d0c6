import type {
  AuditListInput,
  AuditPage,
  KillInput,
  KillKind,
  KillReport,
  ListInput,
  PreviewInput,
  SessionPage,
  SessionPreview,
  SqlInput,
  SqlOutput,
  Tenant,
} from '@tenant-sessions/contracts';
import type { AppRouter } from '@tenant-sessions/plugin-server';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

export type GetAuthToken = () => string | Promise<string>;

/**
 * The sidecar's procedures as the parcel calls them (API.md, "Procedures"). Every call takes the
 * caller's signal; the mount's own signal is added so that an unmount aborts what is in flight.
 */
export interface SessionsApi {
  tenants(clusterId: string, signal?: AbortSignal): Promise<Tenant[]>;
  list(input: ListInput, signal?: AbortSignal): Promise<SessionPage>;
  sql(input: SqlInput, signal?: AbortSignal): Promise<SqlOutput>;
  kill(kind: KillKind, input: KillInput): Promise<KillReport>;
  /** The dry run of a close by filter (sessions.preview). */
  preview(input: PreviewInput, signal?: AbortSignal): Promise<SessionPreview>;
  audit(input: AuditListInput, signal?: AbortSignal): Promise<AuditPage>;
}

export type ApiOptions = {
  /** The sidecar's tRPC endpoint, e.g. `/trpc` or `http://127.0.0.1:3300/trpc`. */
  url: string;
  /** Read on every request, so a host can hand over fresh tokens. */
  getAuthToken: GetAuthToken;
  /** Aborted when the parcel unmounts. */
  lifetime: AbortSignal;
};

/**
 * The tRPC client of the sidecar's router (types only: no server code reaches the parcel), plain
 * JSON (no transformer), batched, with `Authorization: Bearer <token>` on every request. Its
 * answers are checked at compile time against the contracts' types through `SessionsApi`.
 */
export function createSessionsApi({ url, getAuthToken, lifetime }: ApiOptions): SessionsApi {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        maxURLLength: 4000,
        headers: async () => ({ authorization: `Bearer ${await getAuthToken()}` }),
      }),
    ],
  });
  const scoped = (signal?: AbortSignal) => ({
    signal: signal ? AbortSignal.any([signal, lifetime]) : lifetime,
  });
  return {
    tenants: (clusterId, signal) => client.tenants.list.query({ clusterId }, scoped(signal)),
    list: (input, signal) => client.sessions.list.query(input, scoped(signal)),
    sql: (input, signal) => client.sessions.sql.query(input, scoped(signal)),
    kill: (kind, input) =>
      kind === 'session'
        ? client.sessions.kill.mutate(input, scoped())
        : client.sessions.killQuery.mutate(input, scoped()),
    audit: (input, signal) => client.audit.list.query(input, scoped(signal)),
    preview: (input, signal) => client.sessions.preview.query(input, scoped(signal)),
  };
}
