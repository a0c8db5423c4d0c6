import type { ListInput, WatchEvent } from '@tenant-sessions/contracts';
import type { SessionsApi } from '../api/client';

/** How the live rows come: pushed over SSE, or read on the interval (the fallback). */
export type Transport = 'sse' | 'poll';

export type SourceState =
  | { phase: 'connecting'; transport: Transport }
  | { phase: 'live'; transport: Transport }
  | { phase: 'retrying'; transport: Transport; error: unknown; retryInMs: number };

export type SourceOptions = {
  api: SessionsApi;
  input: ListInput;
  intervalMs: number;
  onEvent: (event: WatchEvent) => void;
  onState: (state: SourceState) => void;
};

/** The first retry's wait; each failure in a row doubles it, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 30_000;
/** A stream the sidecar ended (it stopped) is opened again after this. */
export const AFTER_END_MS = 2000;
/** Streams that fail this often in a row before any event came: SSE does not pass, poll instead. */
const SSE_TRIES = 3;

const reasonOf = (error: unknown): string | undefined => {
  const data = (error as { data?: { reason?: unknown } } | null)?.data;
  return typeof data?.reason === 'string' ? data.reason : undefined;
};
const retryAfterOf = (error: unknown): number | undefined => {
  const wait = (error as { data?: { retryAfterSeconds?: unknown } } | null)?.data?.retryAfterSeconds;
  return typeof wait === 'number' ? wait : undefined;
};

/**
 * Follows one page of a tenant's sessions until stopped: `sessions.watch` over SSE, each failure
 * retried with backoff (an expired token or withdrawn right with a fresh getAuthToken(), which
 * every connection asks); `sessions.list` on the interval where SSE cannot pass (streams that
 * never delivered an event) or the sidecar refused more streams (TOO_MANY_REQUESTS, until its
 * `retryAfterSeconds` passed). Returns the stop.
 */
export function followPage({ api, input, intervalMs, onEvent, onState }: SourceOptions): () => void {
  let stopped = false;
  let failures = 0;
  let sseFailuresBeforeEvent = 0;
  let sseBackAt = 0;
  let stopCurrent: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const later = (ms: number, run: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(() => !stopped && run(), ms);
  };
  const transport = (): Transport =>
    sseFailuresBeforeEvent >= SSE_TRIES || Date.now() < sseBackAt ? 'poll' : 'sse';

  const failed = (error: unknown, via: Transport) => {
    stopCurrent?.();
    stopCurrent = null;
    failures += 1;
    const wait = retryAfterOf(error);
    if (via === 'sse' && reasonOf(error) === 'TOO_MANY_REQUESTS') {
      // The sidecar holds too many streams: read the list meanwhile, try a stream again after.
      sseBackAt = Date.now() + Math.max(wait ?? 30, 1) * 1000;
      failures = 0;
      onState({ phase: 'live', transport: 'poll' });
      later(0, start);
      return;
    }
    if (via === 'sse' && reasonOf(error) === undefined) {
      sseFailuresBeforeEvent += 1;
      if (sseFailuresBeforeEvent === SSE_TRIES) {
        // No event stream passes: poll from now on, at once.
        failures = 0;
        later(0, start);
        return;
      }
    }
    const retryInMs = Math.min(FIRST_BACKOFF_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
    onState({ phase: 'retrying', transport: via, error, retryInMs });
    later(retryInMs, start);
  };

  const succeeded = (via: Transport) => {
    if (via === 'sse') sseFailuresBeforeEvent = 0;
    if (failures > 0 || via !== current) onState({ phase: 'live', transport: via });
    failures = 0;
    current = via;
  };
  let current: Transport | null = null;

  const startStream = () => {
    let delivered = false;
    stopCurrent = api.watch(
      { ...input, intervalMs },
      {
        onEvent: (event) => {
          if (!delivered) {
            delivered = true;
            succeeded('sse');
          }
          onEvent(event);
        },
        // tRPC reports a failure it would wait out (the tenant unreachable, a lost connection)
        // as `connecting` with an error: this loop retries it itself, with its backoff.
        onState: (state, error) => {
          if (state === 'connecting' && error) failed(error, 'sse');
        },
        onError: (error) => failed(error, 'sse'),
        onComplete: () => {
          if (stopped) return;
          stopCurrent = null;
          later(AFTER_END_MS, start);
        },
      },
    );
  };

  const startPolling = () => {
    const controller = new AbortController();
    stopCurrent = () => controller.abort();
    const read = () =>
      api.list(input, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          succeeded('poll');
          onEvent(page);
          // Back to a stream when the sidecar's wait is over.
          if (transport() === 'sse' && sseFailuresBeforeEvent < SSE_TRIES) {
            later(intervalMs, () => {
              stopCurrent?.();
              start();
            });
          } else later(intervalMs, read);
        },
        (error) => !controller.signal.aborted && failed(error, 'poll'),
      );
    void read();
  };

  const start = () => {
    if (stopped) return;
    const via = transport();
    if (current === null) onState({ phase: 'connecting', transport: via });
    if (via === 'sse') startStream();
    else startPolling();
  };

  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stopCurrent?.();
  };
}
