import type {
  AuditListInput,
  AuditPage,
  ExportKind,
  KillInput,
  KillKind,
  KillReport,
  ListInput,
  PreviewInput,
  SessionPage,
  SessionPreview,
  SessionStats,
  SqlInput,
  SqlOutput,
  StatsInput,
  Tenant,
  WatchEvent,
  WatchInput,
} from '@tenant-sessions/contracts';
import { LIMITS } from '@tenant-sessions/contracts';
import type { AppRouter } from '@tenant-sessions/plugin-server';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { type ExportedFile, type ExportInputs, fetchExport } from './exportCsv';

export type GetAuthToken = () => string | Promise<string>;

/**
 * The sidecar's procedures as the parcel calls them (docs/api.md, "Procedures"). Every call takes the
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
  stats(input: StatsInput, signal?: AbortSignal): Promise<SessionStats>;
  /** A CSV export (plain HTTP beside /trpc, api/exportCsv.ts), in the header language `lang`. */
  exportCsv<K extends ExportKind>(
    kind: K,
    input: ExportInputs[K],
    lang?: string,
    signal?: AbortSignal,
  ): Promise<ExportedFile>;
  /** `sessions.watch` over SSE (README, "Live refresh"); returns the way to stop it. */
  watch(input: WatchInput, handlers: WatchHandlers): () => void;
}

/** What a watch tells its caller: each event, the connection's state, and how it ended. */
export type WatchHandlers = {
  onEvent: (event: WatchEvent) => void;
  /** `connecting` with an error: the stream failed and tRPC waits for the EventSource to reconnect. */
  onState?: (state: 'idle' | 'connecting' | 'pending', error: unknown) => void;
  onError: (error: unknown) => void;
  /** The sidecar ended the stream (it is stopping). */
  onComplete: () => void;
};

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
      splitLink({
        condition: (op) => op.type === 'subscription',
        // The token rides in the header, never in the URL: the `eventsource` package's
        // EventSource reads over fetch, and each (re)connection asks getAuthToken() afresh.
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({ fetch: withToken(getAuthToken) }),
        }),
        false: httpBatchLink({
          url,
          maxURLLength: 4000,
          // The sidecar refuses a larger batch: calls made together beyond it go in several.
          maxItems: LIMITS.maxBatch,
          headers: async () => ({ authorization: `Bearer ${await getAuthToken()}` }),
        }),
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
    stats: (input, signal) => client.sessions.stats.query(input, scoped(signal)),
    exportCsv: (kind, input, lang, signal) =>
      fetchExport({ apiUrl: url, getAuthToken, ...scoped(signal) }, kind, input, lang),
    watch: (input, handlers) => {
      const subscription = client.sessions.watch.subscribe(input, {
        signal: lifetime,
        onData: handlers.onEvent,
        onConnectionStateChange: (state) => handlers.onState?.(state.state, state.error),
        onError: handlers.onError,
        onComplete: handlers.onComplete,
      });
      return () => subscription.unsubscribe();
    },
    preview: (input, signal) => client.sessions.preview.query(input, scoped(signal)),
  };
}

/** A fetch for the EventSource that adds `Authorization: Bearer <token>`, read at each connection. */
const withToken =
  (getAuthToken: GetAuthToken) =>
  async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${await getAuthToken()}`);
    return fetch(input, { ...init, headers });
  };
