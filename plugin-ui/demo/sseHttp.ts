import { ERROR_REASONS, type ErrorReason } from '@tenant-sessions/contracts';

/**
 * A tRPC subscription's answer over Server-sent Events, as the sidecar's `sessions.watch` sends
 * it (README, "Live refresh"): `connected` first, each value a `message` event, a failure a
 * `serialized-error` event carrying tRPC's error shape, the end a `return` event. For MSW (the
 * parcel's tests and the demo).
 */
export type SseSink = {
  send: (value: unknown) => void;
  fail: (reason: ErrorReason, message: string, extra?: Record<string, unknown>) => void;
  end: () => void;
};

/** JSON-RPC codes tRPC gives its error codes (a retryable -32603 included). */
const RPC_CODES: Record<string, number> = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  TIMEOUT: -32008,
  TOO_MANY_REQUESTS: -32029,
};
const HTTP_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** The stream: `run` gets the sink when it opens, and returns what to do when it closes. */
export function sseResponse(
  run: (sink: SseSink) => (() => void) | undefined,
  signal?: AbortSignal,
): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | undefined;
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    cleanup?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (event: string | null, data: string) => {
        if (!open) return;
        controller.enqueue(encoder.encode(`${event ? `event: ${event}\n` : ''}data: ${data}\n\n`));
      };
      const finish = (event: string, data: string) => {
        write(event, data);
        close();
        controller.close();
      };
      write('connected', JSON.stringify({ reconnectAfterInactivityMs: 35_000 }));
      cleanup = run({
        send: (value) => write(null, JSON.stringify(value)),
        fail: (reason, message, extra = {}) => {
          const code = ERROR_REASONS[reason];
          const data = { code, httpStatus: HTTP_STATUS[code] ?? 500, reason, ...extra };
          finish('serialized-error', JSON.stringify({ message, code: RPC_CODES[code] ?? -32603, data }));
        },
        end: () => finish('return', ''),
      });
      signal?.addEventListener('abort', close);
    },
    cancel: close,
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
  });
}
