import mysql, { type Pool } from 'mysql2/promise';
import type { TenantConfig } from '../config/tenants';

/** Keeps `ids` holding the thread id of every connection `pool` has open (the sidecar's own). */
export const trackThreadIds = (pool: Pool, ids: Set<string>): void => {
  pool.pool.on('connection', (connection) => {
    const id = String(connection.threadId);
    ids.add(id);
    connection.once('end', () => ids.delete(id));
  });
};

/** Calls that may wait for one of a tenant's pooled connections; beyond, mysql2 refuses at once. */
export const QUEUE_LIMIT = 50;

/**
 * A bounded mysql2 pool for one tenant. The id of every connection it opens goes into `ownIds`
 * (and leaves when the connection ends): the sidecar's own sessions are protected from KILL.
 */
export const createTenantPool = (config: TenantConfig, ownIds: Set<string>): Pool => {
  const { host, port, user, password, database } = config.connection;
  const pool = mysql.createPool({
    host,
    port,
    user,
    password,
    database,
    connectionLimit: config.poolSize,
    maxIdle: config.poolSize,
    idleTimeout: 30_000,
    queueLimit: QUEUE_LIMIT,
    connectTimeout: config.connectTimeoutMs,
    // Session ids are 64-bit: keep BIGINTs as exact decimal strings.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    multipleStatements: false,
  });
  trackThreadIds(pool, ownIds);
  return pool;
};
