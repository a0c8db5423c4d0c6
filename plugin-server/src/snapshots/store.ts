import type { Metrics } from '../metrics/metrics';
import type { TenantHandle } from '../tenants/handle';
import { boundSessions } from './bound';
import { type LastRead, readSnapshot, type SeenSessions, type Snapshot } from './read';
import { createTurns } from './turns';

/** A snapshot as the cache serves it: at most `maxSessions` sessions, flagged when cut. */
export type BoundedSnapshot = Snapshot & { truncated: boolean };

export type SnapshotStoreOptions = {
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
  /**
   * Who each key was in the tenant's last read (every session, before the bound), kept after the
   * snapshot itself is let go: what the operator last saw, for the stale-id guard of closes.
   */
  seen: LastRead | undefined;
};

export const DEFAULT_FRESH_MS = 1000;
export const DEFAULT_MAX_SESSIONS = 100_000;

/**
 * The one home of a tenant's latest sessions: its processlist snapshots, read (snapshots/read.ts)
 * at most once at a time and shared — callers arriving while a read runs, or within `freshMs` of
 * its end, get its result —, bounded to `maxSessions`, and who each key was in the last read
 * (`seen`). A failed read is not kept; drop() (after a close) makes the next caller read again. A
 * snapshot is let go once it is no longer fresh. Lists, and every other view of the sessions, are
 * pure functions of what `get` answers.
 */
export class SnapshotStore {
  private readonly entries = new Map<string, Entry>();
  /**
   * Snapshots are handed to their callers one per turn of the event loop (turns.ts): a snapshot
   * many lists waited for does not make all their pages in one stretch that stalls /healthz.
   */
  private readonly turn = createTurns();

  constructor(private readonly options: SnapshotStoreOptions) {}

  /**
   * The tenant's snapshot: fresh, shared with a read in flight, or read now; handed over in a turn
   * of its own. `maxAgeMs` (default: the store's freshness) is how old a kept snapshot may be; 0
   * (a watch's loop) takes none, but still shares a read in flight.
   */
  async get(handle: TenantHandle, { maxAgeMs }: { maxAgeMs?: number } = {}): Promise<BoundedSnapshot> {
    const snapshot = await this.snapshotOf(handle, maxAgeMs);
    await this.turn();
    return snapshot;
  }

  private snapshotOf(handle: TenantHandle, maxAgeMs: number | undefined): Promise<BoundedSnapshot> {
    const tenant = handle.ref;
    const entry = this.entryOf(tenant);
    const { metrics, freshMs } = this.options;
    if (entry.value && Date.now() - entry.takenAt < (maxAgeMs ?? freshMs)) {
      metrics.snapshotHit(tenant, 'fresh');
      return Promise.resolve(entry.value);
    }
    if (entry.reading) {
      metrics.snapshotHit(tenant, 'shared');
      return entry.reading;
    }
    return this.start(tenant, entry, async () => {
      const { snapshot, seen } = await readSnapshot(handle, entry.seen);
      entry.seen = seen;
      return snapshot;
    });
  }

  /** Who each key was in the tenant's last read, if it was read since the sidecar started. */
  seen(tenant: string): SeenSessions | undefined {
    return this.entries.get(tenant)?.seen;
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
        seen: undefined,
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
