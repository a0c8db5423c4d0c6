import { ERROR_REASONS, type ErrorCode, type ErrorReason } from '@tenant-sessions/contracts';
import type { AppRouter } from '@tenant-sessions/plugin-server';
import { getResponse, HttpResponse, http, type JsonBodyType, type RequestHandler } from 'msw';
import { createTRPCMsw, httpLink } from 'msw-trpc';

/**
 * The sidecar's tRPC endpoint over MSW, as docs/api.md puts it on the wire: plain JSON, tRPC's
 * error shape with `error.data.reason`. Each procedure is an msw-trpc handler (typed against
 * `AppRouter` where the router has it); msw-trpc answers one call per request, so the endpoint
 * splits the parcel's `?batch=1` requests (GET for queries, POST for mutations) into single calls,
 * resolves each against the handlers, and answers them as one batch. Used by the parcel's tests
 * (msw/node) and by the demo (msw/browser).
 */

/** Throw it from a procedure to answer an error; msw-trpc answers its `code` and `reason`. */
export class TrpcFailure extends Error {
  readonly code: ErrorCode;
  constructor(
    readonly reason: ErrorReason,
    message: string,
  ) {
    super(message);
    this.code = ERROR_REASONS[reason];
  }
}

export type Procedure = (input: unknown, request: Request) => unknown;
export type Procedures = Record<string, Procedure>;
export type TrpcCall = { path: string; input: unknown; method: string; authorization: string | null };

/** The msw-trpc handlers answering one request (built per request, so that they see it). */
export type HandlersFor = (request: Request) => RequestHandler[];

/** msw-trpc's handler builder for the sidecar's router, at `base` (typed where it is called). */
export const trpcMswLinks = (base: string) => ({ links: [httpLink({ url: base })] });

type UntypedProcedure = {
  query: (handler: (opts: { input: unknown }) => unknown) => RequestHandler;
  mutation: (handler: (opts: { input: unknown }) => unknown) => RequestHandler;
};

/** msw-trpc's builder for a procedure by its dotted path, types aside (for stand-ins and tests). */
export const untypedTrpc = (base: string, path: string): UntypedProcedure => {
  let node: unknown = createTRPCMsw<AppRouter>(trpcMswLinks(base));
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as UntypedProcedure;
};

/** Lets an unexpected error answer INTERNAL, as the sidecar does, not break the request. */
export const guarded =
  <I, O>(handler: (opts: { input: I }) => O | Promise<O>) =>
  async (opts: { input: I }): Promise<O> => {
    try {
      return await handler(opts);
    } catch (error) {
      if (error instanceof TrpcFailure) throw error;
      throw new TrpcFailure('INTERNAL', error instanceof Error ? error.message : String(error));
    }
  };

const HTTP_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_IMPLEMENTED: 501,
};

const unsupported = (path: string) => {
  const code = ERROR_REASONS.UNSUPPORTED;
  const httpStatus = HTTP_STATUS[code] ?? 501;
  return {
    status: httpStatus,
    body: {
      error: {
        message: `No procedure ${path}`,
        code: -32603,
        data: { code, httpStatus, path, reason: 'UNSUPPORTED' },
      },
    } as JsonBodyType,
  };
};

const parse = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

/** One call as its own request, as tRPC's non-batching link would send it. */
function singleRequest(request: Request, path: string, input: unknown): Request {
  const url = new URL(request.url);
  const single = new URL(url.pathname.replace(/[^/]*$/, path), url.origin);
  const headers = new Headers(request.headers);
  if (request.method === 'GET') {
    if (input !== undefined) single.searchParams.set('input', JSON.stringify(input));
    return new Request(single, { method: 'GET', headers });
  }
  headers.set('content-type', 'application/json');
  return new Request(single, {
    method: 'POST',
    headers,
    body: input === undefined ? null : JSON.stringify(input),
  });
}

async function answer(handlers: RequestHandler[], request: Request, path: string, input: unknown) {
  const response = await getResponse(handlers, singleRequest(request, path, input));
  if (!response) return unsupported(path);
  return { status: response.status, body: (await response.json()) as JsonBodyType };
}

/** MSW handlers answering `<base>/<path>[,<path>…]` with `handlersFor`; `onCall` sees every call first. */
export function trpcEndpoint(base: string, handlersFor: HandlersFor, onCall?: (call: TrpcCall) => void) {
  const resolver = async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
    const url = new URL(request.url);
    const batch = url.searchParams.get('batch') === '1';
    const paths = String(params.path).split(',');
    const raw =
      request.method === 'GET'
        ? parse(url.searchParams.get('input'))
        : await request
            .clone()
            .json()
            .catch(() => undefined);
    const inputs = paths.map((_, i) => (batch ? (raw as Record<string, unknown> | undefined)?.[i] : raw));
    const authorization = request.headers.get('authorization');
    paths.forEach((path, i) => {
      onCall?.({ path, input: inputs[i], method: request.method, authorization });
    });
    const handlers = handlersFor(request);
    const answers = await Promise.all(paths.map((path, i) => answer(handlers, request, path, inputs[i])));
    if (!batch) return HttpResponse.json(answers[0]?.body, { status: answers[0]?.status });
    const statuses = new Set(answers.map((a) => a.status));
    return HttpResponse.json(
      answers.map((a) => a.body),
      { status: statuses.size === 1 ? answers[0]?.status : 207 },
    );
  };
  return [http.get(`${base}/:path`, resolver), http.post(`${base}/:path`, resolver)];
}

/**
 * The endpoint with its procedures given by path, types aside (the parcel's tests replace any of
 * them): each answers both as a query and as a mutation, seeing the request.
 */
export function trpcHandlers(base: string, procedures: Procedures, onCall?: (call: TrpcCall) => void) {
  return trpcEndpoint(
    base,
    (request) =>
      Object.entries(procedures).flatMap(([path, procedure]) => {
        const handler = guarded(({ input }: { input: unknown }) => procedure(input ?? undefined, request));
        const trpc = untypedTrpc(base, path);
        return [trpc.query(handler), trpc.mutation(handler)];
      }),
    onCall,
  );
}
