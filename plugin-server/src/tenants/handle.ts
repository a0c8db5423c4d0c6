import type { Connection as CoreConnection } from 'mysql2';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { Logger } from 'pino';
import type { TenantConfig } from '../config/tenants';
import type { OwnConnections } from '../connections/own';
import type { KillStatement, Statement } from '../dialects';
import { isClientTimeout, isFatal } from '../errors/driver';
import { SidecarError } from '../errors/sidecarError';
import { tenantFailure } from './failures';
import { createTenantPool, QUEUE_LIMIT } from './pool';
import { type Probe, probeServer } from './probe';

export type { Probe };

/** A database connection of one tenant, with its probe and reads bounded by the statement timeout. */
export type TenantConnection = {
  probe: Probe;
  read: (statement: Statement) => Promise<RowDataPacket[]>;
  /**
   * Reads rows one at a time: each is handed to `each` as the driver parses it and not kept, so a
   * large processlist is never alive as raw rows all at once.
   */
  readEach: (statement: Statement, each: (row: RowDataPacket) => void) => Promise<void>;
  /** Sends a statement that acts (KILL): prepared with its values bound, or as text. */
  execute: (statement: KillStatement) => Promise<void>;
  /** True once a statement failed in a way that leaves the connection unusable. */
  broken: () => boolean;
};

/** Rows a streamed read maps before it looks at the clock. */
const ROWS_PER_LOOK = 256;
/** The longest a streamed read keeps the event loop before it lets other work run. */
export const READ_SLICE_MS = 10;

/**
 * Time slices of a streamed read: the driver parses and the caller maps a large result (10,000
 * sessions and more) as fast as the socket delivers it, which held the event loop for 100 ms and
 * more (every other request, /healthz included, waited). Past READ_SLICE_MS the connection is
 * paused and resumed in the next turn of the loop: the rows come in the same order, in slices.
 */
const readSlice = (core: CoreConnection) => {
  let started = performance.now();
  let rows = 0;
  return {
    row: () => {
      rows += 1;
      if (rows % ROWS_PER_LOOK !== 0 || performance.now() - started < READ_SLICE_MS) return;
      core.pause();
      setImmediate(() => {
        started = performance.now();
        // A connection ended meanwhile (the statement timed out) stays paused: its packets are moot.
        if (!(core as unknown as { stream?: { destroyed?: boolean } }).stream?.destroyed) core.resume();
      });
    },
  };
};

/**
 * One configured tenant: its lazily created pool and the ids of its own connections, the probe
 * of its server, the last list snapshot (for `changed`), and how its calls meet the database.
 */
export class TenantHandle {
  readonly address: string;
  readonly ref: string;
  /** The ids of this tenant's own pool's connections (empty while it has none). */
  pooledThreadIds: ReadonlySet<string> = new Set<string>();
  lastUsed = Date.now();
  lastFailure: string | null = null;
  private pool: Pool | undefined;
  /** Connections held or being acquired by calls right now (at most the pool's size are held). */
  private claimed = 0;
  private probing: Promise<Probe> | undefined;
  private known: Probe | undefined;

  constructor(
    readonly config: TenantConfig,
    private readonly log: Logger,
    private readonly own: OwnConnections,
  ) {
    this.address = `${config.connection.host}:${config.connection.port}`;
    this.ref = `${config.clusterId}/${config.tenantId}`;
  }

  /**
   * The ids of every connection the sidecar holds on this tenant's server, whichever pool (another
   * tenant's, the audit table's) holds it: never listed as closable, never killed.
   */
  sidecarThreadIds(): Set<string> {
    return this.own.on(this.address);
  }

  /** The dialect and version once the tenant has been reached. */
  get probe(): Probe | undefined {
    return this.known;
  }

  /**
   * Runs `work` on one pooled connection; driver failures become TENANT_UNREACHABLE / TENANT_TIMEOUT,
   * a full pool TENANT_BUSY.
   * A pooled connection found dead (the server closed it: wait_timeout, someone's KILL) is dropped
   * and the work tried once more on a fresh one, unless it had already sent a statement that acts.
   */
  async withConnection<T>(work: (connection: TenantConnection) => Promise<T>): Promise<T> {
    this.lastUsed = Date.now();
    try {
      const result = await this.attempt(work, true);
      this.lastFailure = null;
      return result;
    } catch (error) {
      // A full pool (TENANT_BUSY) says nothing about the database's health.
      const health =
        error instanceof SidecarError && error.reason !== 'UNSUPPORTED' && error.reason !== 'TENANT_BUSY';
      if (health) this.lastFailure = error.message;
      throw error;
    }
  }

  /**
   * Runs `work` on one more pooled connection only when the pool has one to spare right now (held
   * and awaited connections below its size): never queues behind other calls, and its failures
   * (the connection could not be had, or broke) answer undefined without counting against the
   * tenant's health. For work that merely helps a call along (a close call's extra KILL senders).
   */
  async withSpareConnection<T>(work: (connection: TenantConnection) => Promise<T>): Promise<T | undefined> {
    if (!this.pool || this.claimed >= this.config.poolSize) return undefined;
    // No retry on a fresh connection when this one was found dead: that retry would not check
    // for room again, and could take the place of a call waiting for the pool.
    return this.attempt(work, false).catch(() => undefined);
  }

  private async attempt<T>(
    work: (connection: TenantConnection) => Promise<T>,
    mayRetry: boolean,
  ): Promise<T> {
    const { statementTimeoutMs } = this.config;
    const context = (connecting = false) => ({
      connecting,
      tenant: this.ref,
      address: this.address,
      timeoutMs: statementTimeoutMs,
      timeoutErrnos: this.known?.dialect.timeoutErrnos ?? new Set<number>(),
      poolSize: this.config.poolSize,
      queueLimit: QUEUE_LIMIT,
    });
    let connection: PoolConnection;
    this.claimed += 1;
    try {
      connection = await this.ensurePool().getConnection();
    } catch (error) {
      this.claimed -= 1;
      throw tenantFailure(error, context(true));
    }
    // The server bounds the statement; the client waits a little longer in case the server hangs.
    const timeout = statementTimeoutMs + Math.min(1000, statementTimeoutMs);
    let broken = false;
    let acted = false;
    const watch = (error: unknown): never => {
      broken ||= isFatal(error);
      throw error;
    };
    const read = async ({ sql, values }: Statement) => {
      const [rows] = await connection.query<RowDataPacket[]>({ sql, values, timeout }).catch(watch);
      return rows;
    };
    const readEach = ({ sql, values }: Statement, each: (row: RowDataPacket) => void) =>
      new Promise<void>((resolve, reject) => {
        // A throw from `each` ends the read once the driver has finished with the result.
        let thrown: { error: unknown } | undefined;
        // The promise wrapper's `connection` is the callback connection (typed as the wrapper).
        const core = connection.connection as unknown as CoreConnection;
        const slice = readSlice(core);
        core
          .query({ sql, values, timeout })
          .on('result', (row) => {
            slice.row();
            if (thrown) return;
            try {
              each(row as RowDataPacket);
            } catch (error) {
              thrown = { error };
            }
          })
          .on('error', reject)
          .on('end', () => (thrown ? reject(thrown.error) : resolve()));
      }).catch(watch);
    const execute = async ({ sql, values, protocol }: KillStatement) => {
      acted = true;
      const sent =
        protocol === 'prepared'
          ? connection.execute({ sql, values, timeout })
          : connection.query({ sql, timeout });
      await sent.catch(watch);
    };
    try {
      const probe = await this.probeWith(read);
      return await work({ probe, read, readEach, execute, broken: () => broken });
    } catch (error) {
      if (error instanceof SidecarError) throw error;
      // Only a dead connection that has done nothing yet is retried, and only once.
      if (!mayRetry || !broken || acted || isClientTimeout(error)) throw tenantFailure(error, context());
    } finally {
      this.claimed -= 1;
      this.lastUsed = Date.now();
      if (broken) this.dropConnection(connection);
      else connection.release();
    }
    return this.attempt(work, false);
  }

  private dropConnection(connection: PoolConnection): void {
    (this.pooledThreadIds as Set<string>).delete(String(connection.threadId));
    connection.destroy();
  }

  /** Ends the pool (idle or shutdown); the next call creates a new one. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.probing = undefined;
    this.known = undefined;
    this.own.untrack(this.pooledThreadIds as Set<string>);
    this.pooledThreadIds = new Set<string>();
    if (pool)
      await pool.end().catch((error: Error) => this.log.warn({ err: error }, 'closing a pool failed'));
  }

  get hasPool(): boolean {
    return this.pool !== undefined;
  }

  /** A call holds or awaits one of the pool's connections right now. */
  get busy(): boolean {
    return this.claimed > 0;
  }

  private ensurePool(): Pool {
    if (!this.pool) {
      this.pool = createTenantPool(this.config);
      this.pooledThreadIds = this.own.track(this.pool, this.address);
    }
    return this.pool;
  }

  /** The probe, made once per pool and shared by the calls that need it meanwhile. */
  private probeWith(read: TenantConnection['read']): Promise<Probe> {
    if (this.known) return Promise.resolve(this.known);
    this.probing ??= probeServer(read, this.config)
      .then((probe) => {
        this.known = probe;
        return probe;
      })
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }
}
