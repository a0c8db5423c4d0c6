import type { Metrics } from '../metrics/metrics';
import type { Snapshot } from '../sessions/snapshot';
import { boundSessions } from './bound';

/** A snapshot as the cache serves it: at most `maxSessions` sessions, flagged when cut. */
export type BoundedSnapshot = Snapshot & { truncated: boolean };

export type SnapshotCacheOptions = {
  /** How long a snapshot answers later callers (ms); 0: every call reads (calls in flight still share). */
  freshMs: number;
  /** The most sessions a snapshot keeps (SESSIONS_SNAPSHOT_MAX). */
  maxSessions: number;
  metrics: Metrics;
};

type Entry = {
  /** The read whose result later callers share, if one runs. */
  reading: Promise<BoundedSnapshot> | undefined;
  /** A read that was running when the snapshot was dropped: the next read waits for it to end. */
  superseded: Promise<unknown> | undefined;
  value: BoundedSnapshot | undefined;
  takenAt: number;
  /** Bumped by drop(): a read started before it does not become the snapshot. */
  generation: number;
  expiry: NodeJS.Timeout | undefined;
};

export const DEFAULT_FRESH_MS = 1000;
export const DEFAULT_MAX_SESSIONS = 100_000;

/**
 * Coalesced processlist snapshots, per tenant: at most one read in flight; callers arriving while
 * it runs, or within `freshMs` of its end, get its result. A failed read is not kept; drop() (after
 * a close) makes the next caller read again. A snapshot is let go once it is no longer fresh.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: SnapshotCacheOptions) {}

  /** The tenant's snapshot: fresh, shared with a read in flight, or read now with `read`. */
  get(tenant: string, read: () => Promise<Snapshot>): Promise<BoundedSnapshot> {
    const entry = this.entryOf(tenant);
    const { metrics, freshMs } = this.options;
    if (entry.value && Date.now() - entry.takenAt < freshMs) {
      metrics.snapshotHit(tenant, 'fresh');
      return Promise.resolve(entry.value);
    }
    if (entry.reading) {
      metrics.snapshotHit(tenant, 'shared');
      return entry.reading;
    }
    return this.start(tenant, entry, read);
  }

  /** Forgets the tenant's snapshot, and the read in flight for callers still to come. */
  drop(tenant: string): void {
    const entry = this.entries.get(tenant);
    if (!entry) return;
    entry.generation += 1;
    this.release(entry);
    if (entry.reading) {
      const superseded = entry.reading.catch(() => undefined);
      entry.superseded = superseded;
      void superseded.then(() => {
        if (entry.superseded === superseded) entry.superseded = undefined;
      });
      entry.reading = undefined;
    }
  }

  /** Lets every snapshot go (shutdown). */
  clear(): void {
    for (const entry of this.entries.values()) this.release(entry);
    this.entries.clear();
  }

  private entryOf(tenant: string): Entry {
    let entry = this.entries.get(tenant);
    if (!entry) {
      entry = {
        reading: undefined,
        superseded: undefined,
        value: undefined,
        takenAt: 0,
        generation: 0,
        expiry: undefined,
      };
      this.entries.set(tenant, entry);
    }
    return entry;
  }

  private start(tenant: string, entry: Entry, read: () => Promise<Snapshot>): Promise<BoundedSnapshot> {
    const { metrics, maxSessions, freshMs } = this.options;
    const generation = entry.generation;
    const reading = (entry.superseded ?? Promise.resolve())
      .then(async () => {
        const done = metrics.readStarted(tenant);
        try {
          const snapshot = await read();
          done('ok');
          return snapshot;
        } catch (error) {
          done('error');
          throw error;
        }
      })
      .then((snapshot): BoundedSnapshot => {
        const bounded = boundSessions(snapshot.sessions, maxSessions);
        const result = { ...snapshot, ...bounded };
        metrics.snapshotTaken(tenant, bounded.sessions.length, bounded.truncated);
        if (entry.generation === generation && freshMs > 0) this.keep(entry, result);
        return result;
      })
      .finally(() => {
        if (entry.reading === reading) entry.reading = undefined;
      });
    entry.reading = reading;
    return reading;
  }

  private keep(entry: Entry, value: BoundedSnapshot): void {
    this.release(entry);
    entry.value = value;
    entry.takenAt = Date.now();
    entry.expiry = setTimeout(() => {
      if (entry.value === value) this.release(entry);
    }, this.options.freshMs);
    entry.expiry.unref();
  }

  private release(entry: Entry): void {
    if (entry.expiry) clearTimeout(entry.expiry);
    entry.expiry = undefined;
    entry.value = undefined;
  }
}
