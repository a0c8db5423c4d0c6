import {
  auditListInput,
  killInput,
  listInput,
  previewInput,
  type Right,
  type SessionStats,
  sqlInput,
  statsInput,
  tenantsListInput,
} from '@tenant-sessions/contracts';
import type { AppRouter } from '@tenant-sessions/plugin-server';
import { HttpResponse, http } from 'msw';
import { createTRPCMsw } from 'msw-trpc';
import { DemoStore } from './store';
import { guarded, TrpcFailure, trpcEndpoint, trpcMswLinks } from './trpcHttp';
import { watchHandler } from './watch';

/** Demo tokens: what the operator may do, readable by the demo's own handlers only. */
type DemoClaims = { operator: string; rights: Right[]; exp: number };
const TOKEN_SECONDS = 15 * 60;

const encode = (claims: DemoClaims) => `demo.${btoa(JSON.stringify(claims))}`;

function operatorOf(request: Request): DemoClaims {
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
  try {
    const claims = JSON.parse(atob(token.replace(/^demo\./, ''))) as DemoClaims;
    if (claims.exp * 1000 > Date.now()) return claims;
  } catch {
    // fall through
  }
  throw new TrpcFailure('UNAUTHENTICATED', 'Missing, malformed or expired token');
}

const parsed = <T>(
  schema: { safeParse: (v: unknown) => { success: boolean; data?: T; error?: { message: string } } },
  input: unknown,
): T => {
  const result = schema.safeParse(input);
  if (!result.success) throw new TrpcFailure('INVALID_INPUT', result.error?.message ?? 'invalid input');
  return result.data as T;
};

const BASE = '/trpc';

/**
 * The sidecar's procedures over the demo's store, for one request (its token says who calls):
 * msw-trpc handlers typed against `AppRouter`, so that each input and answer is the router's.
 * Input is validated with the contract's schemas, as the sidecar does.
 */
function procedures(store: DemoStore, request: Request) {
  const trpc = createTRPCMsw<AppRouter>(trpcMswLinks(BASE));
  const reader = () => operatorOf(request);
  /** Only an operator with the kill right may close. */
  const closer = () => {
    const claims = operatorOf(request);
    if (!claims.rights.includes('kill')) {
      throw new TrpcFailure('NO_KILL', `Operator ${claims.operator} has no kill right on this tenant`);
    }
    return claims.operator;
  };
  return [
    trpc.tenants.list.query(
      guarded(({ input }) =>
        store.tenants(parsed(tenantsListInput, input ?? undefined)?.clusterId, reader().rights),
      ),
    ),
    trpc.sessions.list.query(
      guarded(({ input }) => {
        reader();
        return store.list(parsed(listInput, input));
      }),
    ),
    trpc.sessions.sql.query(
      guarded(({ input }) => {
        reader();
        return store.sql(parsed(sqlInput, input));
      }),
    ),
    trpc.sessions.kill.mutation(
      guarded(({ input }) => {
        const callId = crypto.randomUUID();
        return { callId, results: store.kill('session', parsed(killInput, input), closer(), callId) };
      }),
    ),
    trpc.sessions.killQuery.mutation(
      guarded(({ input }) => {
        const callId = crypto.randomUUID();
        return { callId, results: store.kill('query', parsed(killInput, input), closer(), callId) };
      }),
    ),
    trpc.sessions.preview.query(
      guarded(({ input }) => {
        reader();
        return store.preview(parsed(previewInput, input));
      }),
    ),
    trpc.audit.list.query(
      guarded(({ input }) => {
        reader();
        return store.audit(parsed(auditListInput, input));
      }),
    ),
    trpc.sessions.stats.query(
      guarded(({ input }): SessionStats => {
        reader();
        return store.stats(parsed(statsInput, input));
      }),
    ),
  ];
}

/** Every call the demo portal makes: the sign-in, and the sidecar's tRPC procedures. */
export function demoHandlers(store = new DemoStore()) {
  return [
    http.post('/portal/session', async ({ request }) => {
      const body = ((await request.json().catch(() => ({}))) ?? {}) as {
        operator?: string;
        rights?: Right[];
      };
      const claims = {
        operator: body.operator ?? 'demo-operator',
        rights: body.rights ?? ['read', 'kill'],
        exp: Math.floor(Date.now() / 1000) + TOKEN_SECONDS,
      };
      return HttpResponse.json({
        token: encode(claims),
        operator: claims.operator,
        expiresAt: new Date(claims.exp * 1000).toISOString(),
      });
    }),
    // Before the endpoint: it answers queries and mutations, this the subscription.
    watchHandler(BASE, store, operatorOf),
    ...trpcEndpoint(BASE, (request) => procedures(store, request)),
  ];
}
