import type { ErrorReason, WatchEvent } from '@tenant-sessions/contracts';
import { http } from 'msw';
import { type SseSink, sseResponse } from '../../demo/sseHttp';
import { server } from './server';
import { API } from './sidecar';

/** One `sessions.watch` stream the parcel opened. */
export type Stream = {
  input: Record<string, unknown>;
  authorization: string | null;
  closed: boolean;
} & SseSink;

/**
 * Answers `sessions.watch` with server-sent event streams the test drives (install after
 * mockSidecar: the last handler installed answers first). `refuse` answers the next ones with
 * a plain HTTP error instead, as a proxy that lets no event stream through would.
 */
export function mockWatch(options: { refuse?: number } = {}) {
  const streams: Stream[] = [];
  server.use(
    http.get(`${API}/sessions.watch`, ({ request }) => {
      if (options.refuse) return new Response('no event streams here', { status: options.refuse });
      const url = new URL(request.url);
      const input = JSON.parse(url.searchParams.get('input') ?? '{}') as Record<string, unknown>;
      return sseResponse((sink) => {
        const stream: Stream = {
          input,
          authorization: request.headers.get('authorization'),
          closed: false,
          ...sink,
        };
        streams.push(stream);
        return () => {
          stream.closed = true;
        };
      }, request.signal);
    }),
  );
  const open = () => streams.filter((s) => !s.closed);
  return {
    streams,
    open,
    /** Pushes an event to every open stream. */
    push: (event: WatchEvent) => {
      for (const s of open()) s.send(event);
    },
    fail: (reason: ErrorReason, message: string, extra?: Record<string, unknown>) => {
      for (const s of open()) s.fail(reason, message, extra);
    },
  };
}
