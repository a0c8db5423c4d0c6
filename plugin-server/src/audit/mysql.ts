import {
  type AuditPage,
  type AuditQuery,
  type AuditRecord,
  sessionFilters,
} from '@tenant-sessions/contracts';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import type { Logger } from 'pino';
import pino from 'pino';
import { ConfigError } from '../config/tenants';
import { OwnConnections } from '../connections/own';
import { codeOf } from '../errors/driver';
import { unfinished } from './lines';
import type { AuditIntent, AuditSink, NewAuditRecord } from './sink';

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
  outcome VARCHAR(16) NULL,
  message TEXT NULL,
  call_id VARCHAR(64) NULL,
  attempt_id CHAR(36) NULL,
  code VARCHAR(64) NULL,
  params TEXT NULL,
  filter_json TEXT NULL,
  KEY by_tenant (cluster_id, tenant_id, id),
  UNIQUE KEY by_attempt (attempt_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin`;

/**
 * Columns added since the first version of the table (a table created by it is brought up to
 * date once): the call, the attempt (write ahead: its row is inserted before the KILL with no
 * outcome, which is set after), the message's code and parameters.
 */
const ADDED_COLUMNS: Array<[string, string]> = [
  ['call_id', 'ADD COLUMN call_id VARCHAR(64) NULL'],
  ['attempt_id', 'ADD COLUMN attempt_id CHAR(36) NULL, ADD UNIQUE KEY by_attempt (attempt_id)'],
  ['code', 'ADD COLUMN code VARCHAR(64) NULL'],
  ['params', 'ADD COLUMN params TEXT NULL'],
  ['filter_json', 'ADD COLUMN filter_json TEXT NULL'],
];

const COLUMNS = `id, at, operator, cluster_id, tenant_id, session_key, session_id, user_name, source,
  database_name, sql_text, sql_truncated, kind, outcome, message, call_id, code, params, filter_json`;

const INSERT_COLUMNS = `(at, operator, cluster_id, tenant_id, session_key, session_id, user_name, source,
  database_name, sql_text, sql_truncated, kind, outcome, message, call_id, attempt_id, code, params, filter_json)`;
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

const valuesOf = (r: NewAuditRecord, attemptId: string | null | undefined, pending: boolean): unknown[] => [
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
  pending ? null : r.outcome,
  pending ? null : r.message,
  r.callId ?? null,
  attemptId ?? null,
  pending ? null : (r.code ?? null),
  pending || !r.params ? null : JSON.stringify(r.params),
  r.filter ? JSON.stringify(r.filter) : null,
];

const paramsOf = (raw: unknown): Record<string, string> | undefined => {
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw) as Record<string, string>;
  } catch {
    return undefined;
  }
};

const filterOf = (raw: unknown): AuditRecord['filter'] => {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = sessionFilters.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

const toRecord = (row: RowDataPacket): AuditRecord => {
  const filter = filterOf(row.filter_json);
  const record: AuditRecord = {
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
    ...(row.call_id ? { callId: row.call_id } : {}),
    ...(row.code ? { code: row.code, params: paramsOf(row.params) ?? {} } : {}),
    ...(filter ? { filter } : {}),
  };
  // An attempt whose outcome was never set: the sidecar stopped between the KILL and its answer.
  return row.outcome === null ? unfinished(record) : record;
};

/**
 * The audit in a table of a MySQL-compatible database, shared by every replica: created if
 * absent (or brought up to date), read newest first by its row number. Write ahead: the attempts
 * of a batch of KILLs are one committed multi-row INSERT without an outcome, before the KILLs;
 * each outcome is a committed UPDATE of its row by attempt id after; a whole record is one
 * committed INSERT. Writes are never repeated (never written twice); a row left without an
 * outcome reads as `unknown`. A pooled connection that failed is dropped by the pool, so the next
 * call opens a fresh one (and the log says when the table answers again). The account needs INSERT and SELECT on the table, and
 * CREATE on the database unless the table was created beforehand.
 */
export const mysqlSink = (
  { options, table, where }: MysqlAuditTarget,
  own: OwnConnections = new OwnConnections(),
  log: Logger = pino({ level: 'silent' }),
): AuditSink => {
  /** The failure of the last write, until a write works again. */
  let failedWith: unknown;
  const pool = mysql.createPool(options);
  // Its connections are the sidecar's own: a tenant on the same server must never list them as
  // closable (a KILL of one would make the next close answer AUDIT_UNAVAILABLE).
  own.track(pool, `${options.host}:${options.port}`);
  let created = false;
  const run = async (sql: string, values: unknown[] = []) => {
    const [rows] = await pool.query<RowDataPacket[]>({ sql, values, timeout: TIMEOUT_MS });
    return rows;
  };
  /** A write: never repeated; a failure is remembered, and the log says when writes work again. */
  const write = async (sql: string, values: unknown[]) => {
    try {
      await run(sql, values);
    } catch (error) {
      failedWith = error;
      throw error;
    }
    if (failedWith !== undefined) {
      log.warn(
        { audit: where, after: codeOf(failedWith) },
        'audit: the table takes records again (on a fresh connection)',
      );
      failedWith = undefined;
    }
  };
  /** Brings a table of an earlier version up to date (once). */
  const upgrade = async () => {
    const present = await read(
      'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      [table],
    );
    const names = new Set(present.map((r) => String(r.name).toLowerCase()));
    const missing = ADDED_COLUMNS.filter(([name]) => !names.has(name)).map(([, change]) => change);
    if (missing.length > 0) await read(`ALTER TABLE \`${table}\` ${missing.join(', ')}`);
    const outcome = await read(
      "SELECT IS_NULLABLE AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = 'outcome'",
      [table],
    );
    if (outcome[0]?.n === 'NO') await read(`ALTER TABLE \`${table}\` MODIFY outcome VARCHAR(16) NULL`);
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
      await upgrade();
    } catch (error) {
      // An account allowed only INSERT, UPDATE and SELECT on a table created beforehand is enough.
      await read(`SELECT 1 FROM \`${table}\` LIMIT 0`).catch(() => {
        throw error;
      });
    }
    created = true;
  };
  /** One whole record, committed (autocommit) when it resolves. */
  const append = async (r: NewAuditRecord) => {
    if (!created) await ready();
    await write(`INSERT INTO \`${table}\` ${INSERT_COLUMNS} VALUES ${ROW}`, valuesOf(r, null, false));
  };
  /** The attempts (no outcome yet) and whole records of a batch: one INSERT, committed. */
  const intend = async (batch: AuditIntent[]) => {
    if (!created) await ready();
    const rows = batch.map((r) => valuesOf(r, r.id, r.id !== undefined));
    if (rows.length === 0) return;
    await write(
      `INSERT INTO \`${table}\` ${INSERT_COLUMNS} VALUES ${rows.map(() => ROW).join(', ')}`,
      rows.flat(),
    );
  };
  return {
    where,
    ready,
    write: (r: NewAuditRecord) => append(r),
    append: (r: NewAuditRecord) => append(r),
    intend,
    // The outcomes of a call in one statement (one commit): an UPDATE joined to their rows.
    settle: async (batch) => {
      if (batch.length === 0) return;
      if (!created) await ready();
      const rows = batch
        .map((_, i) =>
          i === 0
            ? 'SELECT ? AS attempt_id, ? AS at, ? AS outcome, ? AS message, ? AS code, ? AS params'
            : 'SELECT ?, ?, ?, ?, ?, ?',
        )
        .join(' UNION ALL ');
      await write(
        `UPDATE \`${table}\` t JOIN (${rows}) s ON t.attempt_id = s.attempt_id SET t.at = s.at, t.outcome = s.outcome, t.message = s.message, t.code = s.code, t.params = s.params`,
        batch.flatMap(({ attempt, outcome: o }) => [
          attempt.id,
          new Date(o.time),
          o.outcome,
          o.message,
          o.code ?? null,
          o.params ? JSON.stringify(o.params) : null,
        ]),
      );
    },
    recover: async () => {
      if (!created) await ready();
      const [row] = await read(`SELECT COUNT(*) AS n FROM \`${table}\` WHERE outcome IS NULL`);
      return { unfinished: Number(row?.n ?? 0) };
    },
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
      if (query.outcome === 'unknown') where.push("(outcome IS NULL OR outcome = 'unknown')");
      else if (query.outcome !== undefined) {
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
