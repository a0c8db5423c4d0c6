import {
  auditListInput,
  killInput,
  listInput,
  type Right,
  sqlInput,
  tenantsListInput,
} from '@tenant-sessions/contracts';
import { HttpResponse, http } from 'msw';
import { DemoStore } from './store';
import { TrpcFailure, trpcHandlers } from './trpcHttp';

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

type Handler = (input: unknown, operator: string) => unknown;

/** Any signed-in operator may read. */
const reading = (handler: Handler) => (input: unknown, request: Request) =>
  handler(input, operatorOf(request).operator);

/** Only an operator with the kill right may close. */
const killing = (handler: Handler) => (input: unknown, request: Request) => {
  const claims = operatorOf(request);
  if (!claims.rights.includes('kill')) {
    throw new TrpcFailure('NO_KILL', `Operator ${claims.operator} has no kill right on this tenant`);
  }
  return handler(input, claims.operator);
};

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
    ...trpcHandlers('/trpc', {
      'tenants.list': (input, request) =>
        store.tenants(parsed(tenantsListInput, input)?.clusterId, operatorOf(request).rights),
      'sessions.list': reading((input) => store.list(parsed(listInput, input))),
      'sessions.sql': reading((input) => store.sql(parsed(sqlInput, input))),
      'sessions.kill': killing((input, operator) => ({
        results: store.kill('session', parsed(killInput, input), operator),
      })),
      'sessions.killQuery': killing((input, operator) => ({
        results: store.kill('query', parsed(killInput, input), operator),
      })),
      'audit.list': reading((input) => store.audit(parsed(auditListInput, input))),
    }),
  ];
}
