import type { Visibility } from '@tenant-sessions/contracts';
import { TRPCError } from '@trpc/server';
import mysql, { type Pool, type PoolConnection, type RowDataPacket } from 'mysql2/promise';
import type { Logger } from 'pino';
import type { TenantConfig } from '../config/tenants';
import { dialectFor, type SessionDialect, type Statement } from '../dialects';
import { failure } from '../trpc/errors';
import { isClientTimeout, isFatal, tenantFailure } from './failures';

/** What the sidecar learns about a tenant's server on its first connection. */
export type Probe = { serverVersion: string; dialect: SessionDialect; visibility: Visibility };

/** The user and source of each session the last list of this tenant showed, by key. */
export type SeenSessions = Map<string, { user: string; source: string }>;

/** A database connection of one tenant, with its probe and reads bounded by the statement timeout. */
export type TenantConnection = {
  probe: Probe;
  read: (statement: Statement) => Promise<RowDataPacket[]>;
  execute: (sql: string, values: string[]) => Promise<void>;
};

/**
 * One configured tenant: a lazily created, bounded mysql2 pool, the ids of the pool's own
 * connections (protected from KILL), and the last list snapshot (for `changed`).
 */
export class TenantHandle {
  readonly address: string;
  readonly ref: string;
  readonly ownThreadIds = new Set<string>();
  lastSeen: SeenSessions | undefined;
  lastUsed = Date.now();
  lastFailure: string | null = null;
  private pool: Pool | undefined;
  private probing: Promise<Probe> | undefined;
  private known: Probe | undefined;

  constructor(
    readonly config: TenantConfig,
    private readonly log: Logger,
  ) {
    this.address = `${config.connection.host}:${config.connection.port}`;
    this.ref = `${config.clusterId}/${config.tenantId}`;
  }

  /** The dialect and version once the tenant has been reached. */
  get probe(): Probe | undefined {
    return this.known;
  }

  /**
   * Runs `work` on one pooled connection; driver failures become TENANT_UNREACHABLE / TENANT_TIMEOUT.
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
      if (error instanceof TRPCError && error.code !== 'NOT_IMPLEMENTED') this.lastFailure = error.message;
      throw error;
    }
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
    });
    let connection: PoolConnection;
    try {
      connection = await this.ensurePool().getConnection();
    } catch (error) {
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
    const execute = async (sql: string, values: string[]) => {
      acted = true;
      await connection.execute({ sql, values, timeout }).catch(watch);
    };
    try {
      const probe = await this.probeWith(read);
      return await work({ probe, read, execute });
    } catch (error) {
      if (error instanceof TRPCError) throw error;
      // Only a dead connection that has done nothing yet is retried, and only once.
      if (!mayRetry || !broken || acted || isClientTimeout(error)) throw tenantFailure(error, context());
    } finally {
      if (broken) this.dropConnection(connection);
      else connection.release();
    }
    return this.attempt(work, false);
  }

  private dropConnection(connection: PoolConnection): void {
    this.ownThreadIds.delete(String(connection.threadId));
    connection.destroy();
  }

  /** Ends the pool (idle or shutdown); the next call creates a new one. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.probing = undefined;
    this.known = undefined;
    this.ownThreadIds.clear();
    if (pool)
      await pool.end().catch((error: Error) => this.log.warn({ err: error }, 'closing a pool failed'));
  }

  get hasPool(): boolean {
    return this.pool !== undefined;
  }

  private ensurePool(): Pool {
    if (this.pool) return this.pool;
    const { host, port, user, password, database } = this.config.connection;
    const pool = mysql.createPool({
      host,
      port,
      user,
      password,
      database,
      connectionLimit: this.config.poolSize,
      maxIdle: this.config.poolSize,
      idleTimeout: 30_000,
      queueLimit: 50,
      connectTimeout: this.config.connectTimeoutMs,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      multipleStatements: false,
    });
    // Track the ids of the pool's own connections: they are protected from KILL.
    pool.pool.on('connection', (connection) => {
      const id = String(connection.threadId);
      this.ownThreadIds.add(id);
      connection.once('end', () => this.ownThreadIds.delete(id));
    });
    this.pool = pool;
    this.log.debug({ tenant: this.ref, address: this.address }, 'pool created');
    return pool;
  }

  private probeWith(read: TenantConnection['read']): Promise<Probe> {
    if (this.known) return Promise.resolve(this.known);
    this.probing ??= (async () => {
      const [version] = await read({ sql: 'SELECT VERSION() AS version', values: [] });
      const serverVersion = String(version?.version ?? '');
      const dialect = dialectFor(serverVersion, this.config.dialect, { scope: this.config.scope });
      if (!dialect)
        throw failure(
          'UNSUPPORTED',
          `Tenant ${this.ref} runs ${serverVersion}: its dialect is not supported by this sidecar yet`,
        );
      const [row] = await read({ sql: dialect.visibilitySql, values: [] });
      const visibility: Visibility = Number(row?.sees_all) > 0 ? 'all' : 'own-sessions-only';
      this.known = { serverVersion, dialect, visibility };
      return this.known;
    })().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }
}
