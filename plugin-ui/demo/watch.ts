import { type SessionPage, type WatchQuery, watchInput } from '@tenant-sessions/contracts';
import { http } from 'msw';
import { sseResponse } from './sseHttp';
import type { DemoStore } from './store';
import { TrpcFailure } from './trpcHttp';

/** An unchanged page is said to be unchanged (its time only) after this, as the sidecar does. */
const UNCHANGED_EVERY_MS = 30_000;

const sameRows = (a: SessionPage, b: SessionPage) =>
  JSON.stringify({ ...a, capturedAt: '' }) === JSON.stringify({ ...b, capturedAt: '' });

/**
 * `sessions.watch` over the demo's store, as the sidecar streams it (README, "Live refresh"): the
 * page read at the watcher's interval and pushed when it changed, `{ unchanged, capturedAt }`
 * every 30 s when it did not; the stream ends with UNAUTHENTICATED when the token has expired.
 */
export function watchHandler(base: string, store: DemoStore, check: (request: Request) => unknown) {
  return http.get(`${base}/sessions.watch`, ({ request }) => {
    const raw = new URL(request.url).searchParams.get('input');
    return sseResponse((sink) => {
      let query: WatchQuery;
      try {
        check(request);
        const parsed = watchInput.safeParse(raw ? JSON.parse(raw) : undefined);
        if (!parsed.success) throw new TrpcFailure('INVALID_INPUT', parsed.error.message);
        query = parsed.data;
      } catch (error) {
        const failure =
          error instanceof TrpcFailure ? error : new TrpcFailure('INVALID_INPUT', String(error));
        sink.fail(failure.reason, failure.message);
        return undefined;
      }
      const { intervalMs, ...list } = query;
      let last: SessionPage | null = null;
      let sentAt = 0;
      const read = () => {
        try {
          check(request);
          const page = store.list(list);
          const now = Date.now();
          if (!last || !sameRows(last, page)) sink.send(page);
          else if (now - sentAt >= UNCHANGED_EVERY_MS)
            sink.send({ unchanged: true, capturedAt: page.capturedAt });
          else return;
          last = page;
          sentAt = now;
        } catch (error) {
          clearInterval(timer);
          const failure = error instanceof TrpcFailure ? error : new TrpcFailure('INTERNAL', String(error));
          sink.fail(failure.reason, failure.message);
        }
      };
      const timer = setInterval(read, intervalMs);
      read();
      return () => clearInterval(timer);
    }, request.signal);
  });
}
