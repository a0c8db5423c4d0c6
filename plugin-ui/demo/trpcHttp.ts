import { ERROR_REASONS, type ErrorReason } from '@tenant-sessions/contracts';
import { HttpResponse, http, type JsonBodyType } from 'msw';

/**
 * A tiny stand-in for the sidecar's tRPC endpoint over MSW, as API.md puts it on the wire:
 * plain JSON, `?batch=1` batching (GET for queries, POST for mutations), tRPC's error shape with
 * `error.data.reason`. Used by the parcel's tests (msw/node) and by the demo (msw/browser).
 */

/** Throw it from a procedure to answer an error. */
export class TrpcFailure extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export type Procedure = (input: unknown, request: Request) => unknown;
export type Procedures = Record<string, Procedure>;
export type TrpcCall = { path: string; input: unknown; method: string; authorization: string | null };

const HTTP_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  SERVICE_UNAVAILABLE: 503,
};
const JSON_RPC: Record<string, number> = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  TIMEOUT: -32008,
  PAYLOAD_TOO_LARGE: -32013,
  TOO_MANY_REQUESTS: -32029,
};

type Answer = { status: number; body: JsonBodyType };

function failure(path: string, reason: ErrorReason, message: string): Answer {
  const code = ERROR_REASONS[reason];
  const httpStatus = HTTP_STATUS[code] ?? 500;
  return {
    status: httpStatus,
    body: { error: { message, code: JSON_RPC[code] ?? -32603, data: { code, httpStatus, path, reason } } },
  };
}

async function answer(
  procedures: Procedures,
  path: string,
  input: unknown,
  request: Request,
): Promise<Answer> {
  const procedure = procedures[path];
  if (!procedure) return failure(path, 'UNSUPPORTED', `No procedure ${path}`);
  try {
    return { status: 200, body: { result: { data: (await procedure(input, request)) as JsonBodyType } } };
  } catch (error) {
    if (error instanceof TrpcFailure) return failure(path, error.reason, error.message);
    return failure(path, 'INTERNAL', error instanceof Error ? error.message : String(error));
  }
}

const parse = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

/** MSW handlers answering `<base>/<path>[,<path>…]`; `onCall` sees every call first. */
export function trpcHandlers(base: string, procedures: Procedures, onCall?: (call: TrpcCall) => void) {
  const resolver = async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
    const url = new URL(request.url);
    const batch = url.searchParams.get('batch') === '1';
    const paths = String(params.path).split(',');
    const raw =
      request.method === 'GET'
        ? parse(url.searchParams.get('input'))
        : await request.json().catch(() => undefined);
    const inputs = paths.map((_, i) => (batch ? (raw as Record<string, unknown> | undefined)?.[i] : raw));
    const authorization = request.headers.get('authorization');
    paths.forEach((path, i) => {
      onCall?.({ path, input: inputs[i], method: request.method, authorization });
    });
    const answers = await Promise.all(paths.map((path, i) => answer(procedures, path, inputs[i], request)));
    if (!batch) return HttpResponse.json(answers[0]?.body, { status: answers[0]?.status });
    const statuses = new Set(answers.map((a) => a.status));
    return HttpResponse.json(
      answers.map((a) => a.body),
      { status: statuses.size === 1 ? answers[0]?.status : 207 },
    );
  };
  return [http.get(`${base}/:path`, resolver), http.post(`${base}/:path`, resolver)];
}
