import type { RowDataPacket } from 'mysql2/promise';
import { boundKill, type LockRead, type SessionDialect, type Statement } from './dialect';
import { DATA_LOCK_WAITS_SQL, INNODB_LOCKS_SQL } from './locks';
import { systemThreadReason } from './protection';
import {
  AUDIT_SQL_COLUMN,
  idList,
  PROCESS_PRIVILEGE_SQL,
  PROCESSLIST_COLUMNS,
  processRowToSession,
  WHOLE_SQL_COLUMNS,
} from './rows';

/** True from 8.0.22 on, where performance_schema.processlist avoids the global mutex. */
export const hasPerformanceSchemaProcesslist = (version: string): boolean => {
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  return major > 8 || (major === 8 && (minor > 0 || patch >= 22));
};

/** MySQL 8.0 or later (performance_schema.data_lock_waits instead of INNODB_LOCK_WAITS). */
export const isMysql8 = (version: string): boolean => Number(/^(\d+)\./.exec(version)?.[1] ?? 0) >= 8;

/**
 * MySQL's lock read: 8.0 reads waits from performance_schema.data_lock_waits (nothing to read when
 * performance_schema does not collect), 5.7 from information_schema.INNODB_LOCK_WAITS; both read
 * transactions from information_schema.INNODB_TRX.
 */
export const mysqlLocks = (
  version: string,
  performanceSchemaCollects: boolean,
  select: (timeoutMs: number, sql: string) => string,
): LockRead => {
  if (!isMysql8(version))
    return {
      statement: (timeoutMs) => ({ sql: select(timeoutMs, INNODB_LOCKS_SQL), values: [] }),
      privilege: 'PROCESS (information_schema.INNODB_TRX and INNODB_LOCK_WAITS need it)',
      missing: 'information_schema.INNODB_TRX or INNODB_LOCK_WAITS is missing (is InnoDB loaded?)',
    };
  if (!performanceSchemaCollects)
    return {
      unavailable:
        'performance_schema is OFF on this server: MySQL 8 reports lock waits only in performance_schema.data_lock_waits',
    };
  return {
    statement: (timeoutMs) => ({ sql: select(timeoutMs, DATA_LOCK_WAITS_SQL), values: [] }),
    privilege: 'PROCESS (information_schema.INNODB_TRX) and SELECT on performance_schema.data_lock_waits',
    missing: 'information_schema.INNODB_TRX or performance_schema.data_lock_waits is missing',
  };
};

/**
 * Whether performance_schema collects: with `performance_schema=OFF` its processlist table is
 * there but empty, and the tab would list nothing without a word. A failed look answers false
 * (information_schema always answers).
 */
export const performanceSchemaOn = async (
  read: (statement: Statement) => Promise<RowDataPacket[]>,
): Promise<boolean> => {
  try {
    const [row] = await read({ sql: 'SELECT @@GLOBAL.performance_schema AS ps', values: [] });
    return Number(row?.ps) === 1;
  } catch {
    return false;
  }
};

/**
 * MySQL 5.7 / 8: the optimizer hint MAX_EXECUTION_TIME bounds the SELECT (errno 3024). The
 * processlist is read from performance_schema from 8.0.22 on when it collects, else from
 * information_schema.
 */
export const mysqlDialect = (
  version: string,
  performanceSchema = hasPerformanceSchemaProcesslist(version),
  performanceSchemaCollects = performanceSchema,
): SessionDialect => {
  const table = performanceSchema ? 'performance_schema.processlist' : 'information_schema.PROCESSLIST';
  const select = (timeoutMs: number, columns: string) =>
    `SELECT /*+ MAX_EXECUTION_TIME(${Math.ceil(timeoutMs)}) */ ${columns} FROM ${table}`;
  return {
    name: 'mysql',
    listSessions: (timeoutMs) => ({ sql: select(timeoutMs, PROCESSLIST_COLUMNS('TIME')), values: [] }),
    sessionsByIds: (ids, timeoutMs) => ({
      sql: `${select(timeoutMs, `${PROCESSLIST_COLUMNS('TIME', 'INFO', true)}, ${AUDIT_SQL_COLUMN()}`)} WHERE ID IN (${idList(ids)})`,
      values: ids,
    }),
    wholeTexts: (ids, timeoutMs) => ({
      sql: `${select(timeoutMs, WHOLE_SQL_COLUMNS())} WHERE ID IN (${idList(ids)})`,
      values: ids,
    }),
    sqlText: ({ observer, id }, { address }, timeoutMs) =>
      observer === address
        ? { sql: `${select(timeoutMs, 'INFO AS `sql`')} WHERE ID = CAST(? AS UNSIGNED)`, values: [id] }
        : null,
    toSession: processRowToSession,
    // The hint goes after the first SELECT of the union and bounds the whole statement.
    locks: mysqlLocks(version, performanceSchemaCollects, (timeoutMs, sql) =>
      sql.replace(/^SELECT /, `SELECT /*+ MAX_EXECUTION_TIME(${Math.ceil(timeoutMs)}) */ `),
    ),
    protectedReason: systemThreadReason,
    killStatement: boundKill,
    killOthersPrivilege: 'CONNECTION_ADMIN (or SUPER)',
    visibilitySql: PROCESS_PRIVILEGE_SQL,
    timeoutErrnos: new Set([3024, 1969]),
  };
};
