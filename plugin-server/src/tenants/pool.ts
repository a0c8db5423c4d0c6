import mysql, { type Pool } from 'mysql2/promise';
import type { TenantConfig } from '../config/tenants';

/** Calls that may wait for one of a tenant's pooled connections; beyond, mysql2 refuses at once. */
export const QUEUE_LIMIT = 50;

/** A bounded mysql2 pool for one tenant (its connections are tracked by connections/own.ts). */
export const createTenantPool = (config: TenantConfig): Pool => {
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
  return pool;
};
