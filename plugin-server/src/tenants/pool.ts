import mysql, { type Pool } from 'mysql2/promise';
import type { TenantConfig } from '../config/tenants';

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
    queueLimit: 50,
    connectTimeout: config.connectTimeoutMs,
    // Session ids are 64-bit: keep BIGINTs as exact decimal strings.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    multipleStatements: false,
  });
  return pool;
};
