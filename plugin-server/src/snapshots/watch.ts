import type { WatchLimits } from '../config/settings';
import { SidecarError } from '../errors/sidecarError';
import type { Metrics } from '../metrics/metrics';
import type { TenantHandle } from '../tenants/handle';
import type { BoundedSnapshot, SnapshotStore } from './store';

/** What a watch computes from each snapshot, and when two of its results show the same. */
export type WatchView<Q, V> = {
  of: (snapshot: BoundedSnapshot, query: Q) => V;
  /** Equal for two views exactly when a watcher would see no difference (the snapshot's time aside). */
  sameness: (view: V) => string;
  /** What a watcher gets instead when its view did not change but is due again (small: no rows). */
  still: (view: V) => V;
};

/** One stream. */
export type WatchRequest<Q> = {
  handle: TenantHandle;
  /** Who watches (the token's `sub`), for the per-operator bound. */
  operator: string;
  query: Q;
  /** How often the watcher wants its view read again (ms). */
  intervalMs: number;
  /** Throws (a SidecarError) once the caller may no longer see the tenant; awaited before every push. */
  check: () => Promise<unknown>;
  /** Ends the caller's connection at once (its reader fell behind). */
  drop: () => void;
  /** Aborted when the caller goes. */
  signal: AbortSignal;
};

type EndReason = 'left' | 'rights' | 'slow' | 'failed' | 'stopping';
type Ending = { reason: EndReason; error?: unknown };
type Next<V> = { view: V } | { end: Ending };

/** A watcher's mailbox: at most one view waits for it (a newer one replaces it), never a queue. */
class Watcher<Q, V> {
  /** When its view is next computed (ms since the epoch). */
  dueAt = 0;
  lastSent: string | undefined;
  lastSentAt = 0;
  /** Since when the stream holds a view it has not finished sending (its reader has not taken it). */
  busySince: number | undefined;
  ending: Ending | undefined;
  private pending: V | undefined;
  private waiting: ((next: Next<V>) => void) | undefined;

  constructor(
    readonly request: WatchRequest<Q>,
    /** Watchers with the same key share the view computed from a snapshot. */
    readonly key: string,
  ) {}

  /** The next view to send, or how the stream ends. */
  take(): Promise<Next<V>> {
    this.busySince = undefined;
    if (this.ending) return Promise.resolve({ end: this.ending });
    if (this.pending !== undefined) {
      const view = this.pending;
      this.pending = undefined;
      this.busySince = Date.now();
      return Promise.resolve({ view });
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** True when the stream has held a view unsent for longer than `slowMs`. */
  behind(now: number, slowMs: number): boolean {
    return this.waiting === undefined && this.busySince !== undefined && now - this.busySince > slowMs;
  }

  offer(view: V, sameness: string, now: number): void {
    this.lastSent = sameness;
    this.lastSentAt = now;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      this.busySince = now;
      waiting({ view });
    } else {
      this.pending = view;
    }
  }

  end(ending: Ending): void {
    if (this.ending) return;
    this.ending = ending;
    this.pending = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ end: ending });
  }
}

/** The read loop of one watched tenant. */
type Loop<Q, V> = {
  handle: TenantHandle;
  watchers: Set<Watcher<Q, V>>;
  /** The last snapshot read, for a watcher who joins between two reads. */
  snapshot: BoundedSnapshot | undefined;
  timer: NodeJS.Timeout | undefined;
  /** When the last read started (ms since the epoch). */
  lastStart: number;
  ticking: boolean;
  stopped: boolean;
};

/** A watcher is due a little before its time, so that a loop's jitter does not skip a beat. */
const SLACK_MS = 50;

/**
 * Live views of tenants' sessions. One read loop per watched tenant, reading through the snapshot
 * store (so lists share its reads) at the shortest interval any of its watchers asked for, and
 * stopped when the last one leaves. After each read, every watcher that is due has its rights
 * checked, then its view computed (once per distinct query) and pushed when it differs from the
 * last one it got, or when `refreshMs` passed. A watcher holds at most one unsent view; one whose
 * reader has not taken a view for `slowMs` is dropped. Bounded per operator and in all.
 */
export class WatchHub<Q, V> {
  private readonly loops = new Map<string, Loop<Q, V>>();
  private readonly perOperator = new Map<string, number>();
  private open = 0;
  private stopped = false;

  constructor(
    private readonly store: SnapshotStore,
    private readonly view: WatchView<Q, V>,
    private readonly metrics: Metrics,
    private readonly limits: WatchLimits,
  ) {}

  /** Streams open now. */
  get size(): number {
    return this.open;
  }

  /**
   * The stream of one watcher: its first view as soon as there is a snapshot, then each change.
   * Throws SidecarError TOO_MANY_REQUESTS when a bound is reached, and whatever ended it (the
   * check's error, a failed read) at its end; returns when the caller left or the hub closed.
   */
  async *watch(request: WatchRequest<Q>): AsyncGenerator<V, void, undefined> {
    const watcher = this.join(request);
    try {
      for (;;) {
        const next = await watcher.take();
        if ('end' in next) {
          if (next.end.error !== undefined) throw next.end.error;
          return;
        }
        yield next.view;
      }
    } finally {
      this.leave(watcher, { reason: 'left' });
    }
  }

  /** Ends every stream (they return, cleanly) and refuses new ones: the sidecar is stopping. */
  close(): void {
    this.stopped = true;
    for (const loop of [...this.loops.values()])
      for (const watcher of [...loop.watchers]) this.leave(watcher, { reason: 'stopping' });
  }

  private join(request: WatchRequest<Q>): Watcher<Q, V> {
    const { perOperator, max } = this.limits;
    const mine = this.perOperator.get(request.operator) ?? 0;
    if (mine >= perOperator) {
      this.metrics.watchRefused('operator');
      throw new SidecarError(
        'TOO_MANY_REQUESTS',
        `You already have ${mine} live views open, the most one operator may (${perOperator}): close one, or refresh by hand`,
        { limit: String(perOperator) },
        { retryAfterSeconds: 10 },
      );
    }
    if (this.open >= max) {
      this.metrics.watchRefused('total');
      throw new SidecarError(
        'TOO_MANY_REQUESTS',
        `The session service has the most live views it serves open (${max}): refresh by hand, or try again later`,
        { limit: String(max) },
        { retryAfterSeconds: 10 },
      );
    }
    const watcher = new Watcher<Q, V>(request, JSON.stringify(request.query));
    const tenant = request.handle.ref;
    this.perOperator.set(request.operator, mine + 1);
    this.open += 1;
    this.metrics.watchOpened(tenant);
    if (this.stopped) {
      this.leave(watcher, { reason: 'stopping' });
      return watcher;
    }
    const loop = this.loopOf(request.handle);
    loop.watchers.add(watcher);
    const onAbort = () => this.leave(watcher, { reason: 'left' });
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
    if (loop.snapshot && !loop.ticking)
      this.feed(loop, [watcher], loop.snapshot, Date.now()).catch((error: unknown) =>
        this.leave(watcher, { reason: 'failed', error }),
      );
    this.schedule(loop);
    return watcher;
  }

  /** Ends the watcher (once) and takes it off its loop, which stops with its last watcher. */
  private leave(watcher: Watcher<Q, V>, ending: Ending): void {
    if (watcher.ending) return;
    watcher.end(ending);
    const { request } = watcher;
    const tenant = request.handle.ref;
    const mine = (this.perOperator.get(request.operator) ?? 1) - 1;
    if (mine > 0) this.perOperator.set(request.operator, mine);
    else this.perOperator.delete(request.operator);
    this.open -= 1;
    this.metrics.watchEnded(tenant, ending.reason);
    const loop = this.loops.get(tenant);
    if (!loop?.watchers.delete(watcher) || loop.watchers.size > 0) return;
    loop.stopped = true;
    clearTimeout(loop.timer);
    this.loops.delete(tenant);
    this.metrics.watchLoops(this.loops.size);
  }

  private loopOf(handle: TenantHandle): Loop<Q, V> {
    let loop = this.loops.get(handle.ref);
    if (!loop) {
      loop = {
        handle,
        watchers: new Set(),
        snapshot: undefined,
        timer: undefined,
        lastStart: 0,
        ticking: false,
        stopped: false,
      };
      this.loops.set(handle.ref, loop);
      this.metrics.watchLoops(this.loops.size);
    }
    return loop;
  }

  /** Sets the loop's next read: the shortest interval asked for after the last one started. */
  private schedule(loop: Loop<Q, V>): void {
    if (loop.stopped || loop.ticking) return;
    let period = Number.POSITIVE_INFINITY;
    for (const watcher of loop.watchers) period = Math.min(period, watcher.request.intervalMs);
    clearTimeout(loop.timer);
    loop.timer = setTimeout(() => void this.tick(loop), Math.max(0, loop.lastStart + period - Date.now()));
  }

  private async tick(loop: Loop<Q, V>): Promise<void> {
    loop.timer = undefined;
    if (loop.stopped) return;
    loop.ticking = true;
    const started = Date.now();
    loop.lastStart = started;
    try {
      const snapshot = await this.store.get(loop.handle, { maxAgeMs: 0 });
      if (loop.stopped) return;
      loop.snapshot = snapshot;
      const due = [...loop.watchers].filter((w) => w.dueAt <= started + SLACK_MS);
      await this.feed(loop, due, snapshot, started);
    } catch (error) {
      // The tenant did not answer (or its view failed): its streams end with the error, and the
      // clients come back when they retry.
      for (const watcher of [...loop.watchers]) this.leave(watcher, { reason: 'failed', error });
    } finally {
      loop.ticking = false;
      this.schedule(loop);
    }
  }

  /** Checks each watcher's rights, then pushes its view where it changed (or is due again). */
  private async feed(
    loop: Loop<Q, V>,
    watchers: Watcher<Q, V>[],
    snapshot: BoundedSnapshot,
    now: number,
  ): Promise<void> {
    const { refreshMs, slowMs } = this.limits;
    const views = new Map<string, { view: V; sameness: string }>();
    const tenant = loop.handle.ref;
    await Promise.all(
      watchers.map(async (watcher) => {
        try {
          await watcher.request.check();
        } catch (error) {
          this.leave(watcher, { reason: 'rights', error });
          return;
        }
        if (watcher.ending) return;
        watcher.dueAt = now + watcher.request.intervalMs;
        let shown = views.get(watcher.key);
        if (!shown) {
          const view = this.view.of(snapshot, watcher.request.query);
          shown = { view, sameness: this.view.sameness(view) };
          views.set(watcher.key, shown);
        }
        const stale = refreshMs > 0 && now - watcher.lastSentAt >= refreshMs;
        if (shown.sameness === watcher.lastSent && !stale) return;
        if (watcher.behind(now, slowMs)) {
          watcher.request.drop();
          this.leave(watcher, { reason: 'slow' });
          return;
        }
        // Due again with nothing changed: word of the snapshot's time, not the whole view again.
        watcher.offer(
          shown.sameness === watcher.lastSent ? this.view.still(shown.view) : shown.view,
          shown.sameness,
          now,
        );
        this.metrics.watchPushed(tenant);
      }),
    );
  }
}
