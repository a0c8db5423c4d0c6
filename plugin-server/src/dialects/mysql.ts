import type { RowDataPacket } from 'mysql2/promise';
import { boundKill, type SessionDialect, type Statement } from './dialect';
import { systemThreadReason } from './protection';
import {
  AUDIT_SQL_COLUMN,
  idList,
  PROCESS_PRIVILEGE_SQL,
  PROCESSLIST_COLUMNS,
  processRowToSession,
} from './rows';

/** True from 8.0.22 on, where performance_schema.processlist avoids the global mutex. */
export const hasPerformanceSchemaProcesslist = (version: string): boolean => {
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  return major > 8 || (major === 8 && (minor > 0 || patch >= 22));
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
): SessionDialect => {
  const table = performanceSchema ? 'performance_schema.processlist' : 'information_schema.PROCESSLIST';
  const select = (timeoutMs: number, columns: string) =>
    `SELECT /*+ MAX_EXECUTION_TIME(${Math.ceil(timeoutMs)}) */ ${columns} FROM ${table}`;
  return {
    name: 'mysql',
    listSessions: (timeoutMs) => ({ sql: select(timeoutMs, PROCESSLIST_COLUMNS('TIME')), values: [] }),
    sessionsByIds: (ids, timeoutMs) => ({
      sql: `${select(timeoutMs, `${PROCESSLIST_COLUMNS('TIME')}, ${AUDIT_SQL_COLUMN()}`)} WHERE ID IN (${idList(ids)})`,
      values: ids,
    }),
    sqlText: ({ observer, id }, { address }, timeoutMs) =>
      observer === address
        ? { sql: `${select(timeoutMs, 'INFO AS `sql`')} WHERE ID = CAST(? AS UNSIGNED)`, values: [id] }
        : null,
    toSession: processRowToSession,
    protectedReason: systemThreadReason,
    killStatement: boundKill,
    killOthersPrivilege: 'CONNECTION_ADMIN (or SUPER)',
    visibilitySql: PROCESS_PRIVILEGE_SQL,
    timeoutErrnos: new Set([3024, 1969]),
  };
};
