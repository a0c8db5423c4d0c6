import { boundKill, type SessionDialect } from './dialect';
import { systemThreadReason } from './protection';
import { idList, PROCESS_PRIVILEGE_SQL, PROCESSLIST_COLUMNS, processRowToSession } from './rows';

/** True from 8.0.22 on, where performance_schema.processlist avoids the global mutex. */
export const hasPerformanceSchemaProcesslist = (version: string): boolean => {
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  return major > 8 || (major === 8 && (minor > 0 || patch >= 22));
};

/** MySQL 5.7 / 8: the optimizer hint MAX_EXECUTION_TIME bounds the SELECT (errno 3024). */
export const mysqlDialect = (version: string): SessionDialect => {
  const table = hasPerformanceSchemaProcesslist(version)
    ? 'performance_schema.processlist'
    : 'information_schema.PROCESSLIST';
  const select = (timeoutMs: number, columns: string) =>
    `SELECT /*+ MAX_EXECUTION_TIME(${Math.ceil(timeoutMs)}) */ ${columns} FROM ${table}`;
  return {
    name: 'mysql',
    listSessions: (timeoutMs) => ({ sql: select(timeoutMs, PROCESSLIST_COLUMNS('TIME')), values: [] }),
    sessionsByIds: (ids, timeoutMs) => ({
      sql: `${select(timeoutMs, PROCESSLIST_COLUMNS('TIME'))} WHERE ID IN (${idList(ids)})`,
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
