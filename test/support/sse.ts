import type { SessionPage, WatchInput } from '@tenant-sessions/contracts';

/** One server-sent event as it came off the wire, with when it arrived. */
export type WireEvent = { event: string; data: string; id: string | undefined; at: number };

/** A `sessions.watch` stream read with fetch, as an EventSource ponyfill that sends headers would. */
export type Watch = {
  status: number;
  headers: Headers;
  /** Every event so far (tRPC's `connected`, `ping`, `return`, `serialized-error`, and `message` for data). */
  events: WireEvent[];
  /** The pages pushed so far, parsed. */
  pages: () => SessionPage[];
  /** Bytes received so far (the body, not the headers). */
  bytes: () => number;
  /** Resolves when the server ended the stream (or the test closed it). */
  ended: Promise<void>;
  endedAt: () => number | undefined;
  /** The next event from `after` on that `matches`, or a failure after `timeoutMs`. */
  next: (matches: (event: WireEvent) => boolean, timeoutMs?: number, after?: number) => Promise<WireEvent>;
  /** The first page from index `after` on that `matches`. */
  nextPage: (matches: (page: SessionPage) => boolean, timeoutMs?: number) => Promise<SessionPage>;
  /** The `serialized-error` the stream ended with, if any: tRPC's error shape. */
  error: () => { message: string; data: { reason: string; httpStatus: number; code: string } } | undefined;
  close: () => void;
};

/**
 * A minimal SSE reader (the text/event-stream format: `field: value` lines, events ended by a blank
 * line) over fetch, so the test sends `Authorization` as the parcel's ponyfill does, and sees
 * every event, keep-alives included, with its time of arrival.
 */
export const openWatch = async (
  serverUrl: string,
  token: string | null,
  input: WatchInput,
): Promise<Watch> => {
  const controller = new AbortController();
  // An event stream answers its headers at once (with the `connected` event): one held back
  // (buffered until its end) fails here, not at the test's timeout.
  const headersLate = setTimeout(
    () => controller.abort(new Error('sessions.watch sent no response within 5 s: is the stream held back?')),
    5000,
  );
  const response = await fetch(
    `${serverUrl}/trpc/sessions.watch?input=${encodeURIComponent(JSON.stringify(input))}`,
    {
      headers: {
        accept: 'text/event-stream',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      signal: controller.signal,
    },
  ).finally(() => clearTimeout(headersLate));
  const events: WireEvent[] = [];
  const listeners = new Set<() => void>();
  let received = 0;
  let endedAt: number | undefined;
  const decoder = new TextDecoder();
  let buffer = '';
  let current: { event: string; data: string[]; id: string | undefined } = {
    event: 'message',
    data: [],
    id: undefined,
  };
  const line = (text: string) => {
    if (text === '') {
      if (current.data.length > 0)
        events.push({ event: current.event, data: current.data.join('\n'), id: current.id, at: Date.now() });
      current = { event: 'message', data: [], id: undefined };
      return;
    }
    const colon = text.indexOf(':');
    if (colon === 0) return;
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') current.event = value;
    else if (field === 'data') current.data.push(value);
    else if (field === 'id') current.id = value;
  };
  const ended = (async () => {
    try {
      if (!response.body) return;
      for await (const chunk of response.body) {
        received += chunk.byteLength;
        buffer += decoder.decode(chunk, { stream: true });
        for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
          line(buffer.slice(0, at).replace(/\r$/, ''));
          buffer = buffer.slice(at + 1);
        }
        for (const listener of listeners) listener();
      }
    } catch {
      // closed by the test, or the connection was dropped
    } finally {
      endedAt = Date.now();
      for (const listener of listeners) listener();
    }
  })();
  const next: Watch['next'] = (matches, timeoutMs = 10_000, after = 0) =>
    new Promise((resolve, reject) => {
      const look = () => {
        const found = events.slice(after).find(matches);
        if (found) {
          done();
          resolve(found);
        } else if (endedAt !== undefined) {
          done();
          reject(
            new Error(
              `the stream ended without the event; it had ${JSON.stringify(events.map((e) => e.event))}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `no such event within ${timeoutMs} ms; had ${JSON.stringify(events.map((e) => e.event))}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(look);
      };
      listeners.add(look);
      look();
    });
  const pages = () =>
    events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data) as SessionPage);
  return {
    status: response.status,
    headers: response.headers,
    events,
    pages,
    bytes: () => received,
    ended,
    endedAt: () => endedAt,
    next,
    nextPage: async (matches, timeoutMs) => {
      const event = await next((e) => e.event === 'message' && matches(JSON.parse(e.data)), timeoutMs);
      return JSON.parse(event.data) as SessionPage;
    },
    error: () => {
      const failed = events.find((e) => e.event === 'serialized-error');
      return failed ? JSON.parse(failed.data) : undefined;
    },
    close: () => controller.abort(),
  };
};
