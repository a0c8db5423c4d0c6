import { z } from 'zod';
import { listInput, type SessionPage } from './sessions';

/** How often a watcher may ask its page to be read again (`sessions.watch`). */
export const WATCH_INTERVAL = {
  minMs: 1000,
  maxMs: 60_000,
  defaultMs: 3000,
} as const;

/**
 * The input of `sessions.watch`: a list's input (its filters, sort and page) and how often the
 * watcher wants the page read again. The stream yields the SessionPage `sessions.list` would
 * answer for the same input, whenever it changed.
 */
export const watchInput = listInput
  .extend({
    intervalMs: z
      .number()
      .int()
      .min(WATCH_INTERVAL.minMs, `must be at least ${WATCH_INTERVAL.minMs} ms`)
      .max(WATCH_INTERVAL.maxMs, `must be at most ${WATCH_INTERVAL.maxMs} ms`)
      .default(WATCH_INTERVAL.defaultMs),
  })
  .strict();
export type WatchInput = z.input<typeof watchInput>;

/**
 * What a watcher gets when its page did not change but is due again (every 30 s by default): the
 * snapshot's time, so the tab can say its rows are current, without the page itself again.
 */
export const watchUnchanged = z.object({ unchanged: z.literal(true), capturedAt: z.string() });
export type WatchUnchanged = z.infer<typeof watchUnchanged>;

export type WatchQuery = z.output<typeof watchInput>;

/** Each event of `sessions.watch`: a page that changed, or word that it did not. */
export type WatchEvent = SessionPage | WatchUnchanged;

/** True for the word that the page did not change. */
export const isUnchanged = (event: WatchEvent): event is WatchUnchanged => 'unchanged' in event;
