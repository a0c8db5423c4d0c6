import type {
  KillInput,
  KillKind,
  KillReport,
  ListInput,
  SessionPage,
  SqlInput,
  SqlOutput,
  Tenant,
} from '@tenant-sessions/contracts';
import { createTRPCUntypedClient, httpBatchLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';

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
}

export type ApiOptions = {
  /** The sidecar's tRPC endpoint, e.g. `/trpc` or `http://127.0.0.1:3300/trpc`. */
  url: string;
  /** Read on every request, so a host can hand over fresh tokens. */
  getAuthToken: GetAuthToken;
  /** Aborted when the parcel unmounts. */
  lifetime: AbortSignal;
};

const KILL_PROCEDURE: Record<KillKind, string> = { session: 'sessions.kill', query: 'sessions.killQuery' };

/**
 * The one loosely typed place: an untyped tRPC client, typed here from the contracts package.
 * Plain JSON (no transformer), batched, with `Authorization: Bearer <token>` on every request.
 */
export function createSessionsApi({ url, getAuthToken, lifetime }: ApiOptions): SessionsApi {
  const client = createTRPCUntypedClient<AnyRouter>({
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
    tenants: (clusterId, signal) =>
      client.query('tenants.list', { clusterId }, scoped(signal)) as Promise<Tenant[]>,
    list: (input, signal) => client.query('sessions.list', input, scoped(signal)) as Promise<SessionPage>,
    sql: (input, signal) => client.query('sessions.sql', input, scoped(signal)) as Promise<SqlOutput>,
    kill: (kind, input) => client.mutation(KILL_PROCEDURE[kind], input, scoped()) as Promise<KillReport>,
  };
}
