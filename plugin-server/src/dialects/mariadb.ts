import { boundKill, type SessionDialect } from './dialect';
import { mariadbLocks } from './locks';
import { systemThreadReason } from './protection';
import {
  AUDIT_SQL_COLUMN,
  idList,
  PROCESS_PRIVILEGE_SQL,
  PROCESSLIST_COLUMNS,
  processRowToSession,
  WHOLE_SQL_COLUMNS,
} from './rows';

/** `SET STATEMENT max_statement_time` takes seconds; the server enforces it (errno 1969). */
const bounded = (sql: string, timeoutMs: number): string =>
  `SET STATEMENT max_statement_time = ${(timeoutMs / 1000).toFixed(3)} FOR ${sql}`;

/**
 * INFO is utf8mb3 (a 4-byte character reads as `?`); INFO_BINARY holds the statement's own bytes,
 * read here as utf8mb4, the client character set of nearly every client today.
 */
const SQL_TEXT = 'CONVERT(INFO_BINARY USING utf8mb4)';

const FROM = `SELECT ${PROCESSLIST_COLUMNS('TIME_MS / 1000', SQL_TEXT, false, 'INFO_BINARY')} FROM information_schema.PROCESSLIST`;
/** Kill's fresh read: the list's columns and the SQL text the audit keeps. */
const FROM_FOR_KILL = `SELECT ${PROCESSLIST_COLUMNS('TIME_MS / 1000', SQL_TEXT, true)}, ${AUDIT_SQL_COLUMN(SQL_TEXT)} FROM information_schema.PROCESSLIST`;

/** MariaDB 10.6+: information_schema.PROCESSLIST with TIME_MS for fractional time. */
export const mariadbDialect = (): SessionDialect => ({
  name: 'mariadb',
  listSessions: (timeoutMs) => ({ sql: bounded(FROM, timeoutMs), values: [] }),
  sessionsByIds: (ids, timeoutMs) => ({
    sql: bounded(`${FROM_FOR_KILL} WHERE ID IN (${idList(ids)})`, timeoutMs),
    values: ids,
  }),
  wholeTexts: (ids, timeoutMs) => ({
    sql: bounded(
      `SELECT ${WHOLE_SQL_COLUMNS(SQL_TEXT, 'INFO_BINARY')} FROM information_schema.PROCESSLIST WHERE ID IN (${idList(ids)})`,
      timeoutMs,
    ),
    values: ids,
  }),
  sqlText: ({ observer, id }, { address }, timeoutMs) =>
    observer === address
      ? {
          sql: bounded(
            `SELECT ${SQL_TEXT} AS \`sql\` FROM information_schema.PROCESSLIST WHERE ID = CAST(? AS UNSIGNED)`,
            timeoutMs,
          ),
          values: [id],
        }
      : null,
  toSession: processRowToSession,
  locks: mariadbLocks(bounded),
  protectedReason: systemThreadReason,
  killStatement: boundKill,
  killOthersPrivilege: 'CONNECTION ADMIN (or SUPER)',
  visibilitySql: PROCESS_PRIVILEGE_SQL,
  timeoutErrnos: new Set([1969]),
});
