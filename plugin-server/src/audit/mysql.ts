import type { AuditPage, AuditQuery, AuditRecord } from '@tenant-sessions/contracts';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { ConfigError } from '../config/tenants';
import { OwnConnections } from '../connections/own';
import type { AuditSink, NewAuditRecord } from './sink';

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Bounds each audit statement, so a hung audit database refuses closes instead of hanging them. */
const TIMEOUT_MS = 5000;

export type MysqlAuditTarget = { options: mysql.PoolOptions; table: string; where: string };

/** `mysql://user:password@host:port/database?table=name` (table defaults to session_audit). */
export const parseMysqlAuditUrl = (raw: string): MysqlAuditTarget => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SESSIONS_AUDIT is not a valid mysql:// URL');
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/'))
    throw new ConfigError('SESSIONS_AUDIT must name a database: mysql://user:password@host:port/database');
  const unknown = [...url.searchParams.keys()].filter((k) => k !== 'table');
  if (unknown.length > 0)
    throw new ConfigError(`SESSIONS_AUDIT: unknown parameter ${unknown.join(', ')} (only "table" is read)`);
  const table = url.searchParams.get('table') ?? 'session_audit';
  if (!TABLE_NAME.test(table))
    throw new ConfigError(
      `SESSIONS_AUDIT: table must be letters, digits and _ (at most 64), got ${JSON.stringify(table)}`,
    );
  const port = Number(url.port || 3306);
  const user = decodeURIComponent(url.username) || 'root';
  return {
    table,
    where: `mysql://${user}@${url.hostname}:${port}/${database} table ${table}`,
    options: {
      host: url.hostname,
      port,
      user,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      database,
      connectionLimit: 2,
      connectTimeout: 3000,
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: false,
    },
  };
};

const createTable = (table: string) => `CREATE TABLE IF NOT EXISTS \`${table}\` (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(3) NOT NULL,
  operator VARCHAR(256) NOT NULL,
  cluster_id VARCHAR(256) NOT NULL,
  tenant_id VARCHAR(256) NOT NULL,
  session_key VARCHAR(300) NOT NULL,
  session_id VARCHAR(20) NOT NULL,
  user_name VARCHAR(256) NULL,
  source VARCHAR(256) NULL,
  database_name VARCHAR(256) NULL,
  sql_text TEXT NULL,
  sql_truncated TINYINT(1) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  message TEXT NULL,
  KEY by_tenant (cluster_id, tenant_id, id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin`;

const COLUMNS = `id, at, operator, cluster_id, tenant_id, session_key, session_id, user_name, source,
  database_name, sql_text, sql_truncated, kind, outcome, message`;

const toRecord = (row: RowDataPacket): AuditRecord => ({
  id: String(row.id),
  time: new Date(row.at).toISOString(),
  operator: row.operator,
  clusterId: row.cluster_id,
  tenantId: row.tenant_id,
  sessionKey: row.session_key,
  sessionId: row.session_id,
  user: row.user_name,
  source: row.source,
  database: row.database_name,
  sql: row.sql_text,
  sqlTruncated: Boolean(row.sql_truncated),
  kind: row.kind,
  outcome: row.outcome,
  message: row.message,
});

/**
 * The audit in a table of a MySQL-compatible database, shared by every replica: created if
 * absent, one committed INSERT per record (autocommit; never repeated, so never written twice),
 * read newest first by its row number. The account needs INSERT and SELECT on the table, and
 * CREATE on the database unless the table was created beforehand.
 */
export const mysqlSink = (
  { options, table, where }: MysqlAuditTarget,
  own: OwnConnections = new OwnConnections(),
): AuditSink => {
  const pool = mysql.createPool(options);
  // Its connections are the sidecar's own: a tenant on the same server must never list them as
  // closable (a KILL of one would make the next close answer AUDIT_UNAVAILABLE).
  own.track(pool, `${options.host}:${options.port}`);
  let created = false;
  const run = async (sql: string, values: unknown[] = []) => {
    const [rows] = await pool.query<RowDataPacket[]>({ sql, values, timeout: TIMEOUT_MS });
    return rows;
  };
  /** A read that may be repeated: once more on a fresh connection when the pooled one was dead. */
  const read = (sql: string, values: unknown[] = []) =>
    run(sql, values).catch((error: { fatal?: boolean }) => {
      if (error?.fatal) return run(sql, values);
      throw error;
    });
  const ready = async () => {
    if (created) return void (await read('SELECT 1'));
    try {
      await read(createTable(table));
    } catch (error) {
      // An account allowed only INSERT and SELECT on a table created beforehand is enough.
      await read(`SELECT 1 FROM \`${table}\` LIMIT 0`).catch(() => {
        throw error;
      });
    }
    created = true;
  };
  /** One record, committed (autocommit) when it resolves. */
  const append = async (r: NewAuditRecord) => {
    if (!created) await ready();
    await run(
      `INSERT INTO \`${table}\` (at, operator, cluster_id, tenant_id, session_key, session_id, user_name,
        source, database_name, sql_text, sql_truncated, kind, outcome, message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        new Date(r.time),
        r.operator,
        r.clusterId,
        r.tenantId,
        r.sessionKey,
        r.sessionId,
        r.user,
        r.source,
        r.database,
        r.sql,
        r.sqlTruncated ? 1 : 0,
        r.kind,
        r.outcome,
        r.message,
      ],
    );
  };
  return {
    where,
    ready,
    write: (r: NewAuditRecord) => append(r),
    append: (r: NewAuditRecord) => append(r),
    // Each INSERT is committed on its own (autocommit): nothing is left to make durable.
    flush: async () => undefined,
    list: async (query: AuditQuery): Promise<AuditPage> => {
      if (!created) await ready();
      const where = ['cluster_id = ?', 'tenant_id = ?'];
      const values: unknown[] = [query.clusterId, query.tenantId];
      if (query.operator !== undefined) {
        where.push('operator = ?');
        values.push(query.operator);
      }
      if (query.outcome !== undefined) {
        where.push('outcome = ?');
        values.push(query.outcome);
      }
      const filter = where.join(' AND ');
      const rows = await read(
        `SELECT ${COLUMNS} FROM \`${table}\` WHERE ${filter} ORDER BY id DESC LIMIT ? OFFSET ?`,
        [...values, query.pageSize, query.pageIndex * query.pageSize],
      );
      const [count] = await read(`SELECT COUNT(*) AS n FROM \`${table}\` WHERE ${filter}`, values);
      return { rows: rows.map(toRecord), total: Number(count?.n ?? 0) };
    },
    own,
    close: () => pool.end(),
  };
};
