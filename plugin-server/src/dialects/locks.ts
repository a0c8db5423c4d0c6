import type { LockRead } from './dialect';

/**
 * The aliases every dialect's lock read answers (one statement, two kinds of rows):
 * - `kind` 'trx', an open transaction: `trx_id`, `session_id` (the session it belongs to),
 *   `trx_seconds` (its age, also while the session sleeps);
 * - `kind` 'wait', a lock wait: `trx_id` (the waiting transaction), `session_id` (the waiting
 *   session where the server names it, else null), `holder_trx_id` (the transaction holding the
 *   lock).
 * Ids are read as text: 64-bit values stay exact. snapshots/locks.ts joins them to the sessions.
 */
export const LOCK_ROW = ['kind', 'trx_id', 'session_id', 'trx_seconds', 'holder_trx_id'] as const;

/** InnoDB's open transactions (information_schema.INNODB_TRX), the first half of every InnoDB lock read. */
const INNODB_TRANSACTIONS = `SELECT 'trx' AS kind, CAST(trx_id AS CHAR) AS trx_id, CAST(trx_mysql_thread_id AS CHAR) AS session_id, TIMESTAMPDIFF(SECOND, trx_started, NOW()) AS trx_seconds, NULL AS holder_trx_id FROM information_schema.INNODB_TRX`;

/** MariaDB, MySQL 5.7: waits from information_schema.INNODB_LOCK_WAITS. */
export const INNODB_LOCKS_SQL = `${INNODB_TRANSACTIONS} UNION ALL SELECT 'wait', CAST(requesting_trx_id AS CHAR), NULL, NULL, CAST(blocking_trx_id AS CHAR) FROM information_schema.INNODB_LOCK_WAITS`;

/** MySQL 8: waits from performance_schema.data_lock_waits (INNODB_LOCK_WAITS is gone). */
export const DATA_LOCK_WAITS_SQL = `${INNODB_TRANSACTIONS} UNION ALL SELECT 'wait', CAST(REQUESTING_ENGINE_TRANSACTION_ID AS CHAR), NULL, NULL, CAST(BLOCKING_ENGINE_TRANSACTION_ID AS CHAR) FROM performance_schema.data_lock_waits WHERE ENGINE = 'INNODB'`;

/** MariaDB 10.6+: both tables need PROCESS, and nothing else. */
export const mariadbLocks = (bounded: (sql: string, timeoutMs: number) => string): LockRead => ({
  statement: (timeoutMs) => ({ sql: bounded(INNODB_LOCKS_SQL, timeoutMs), values: [] }),
  privilege: 'PROCESS (information_schema.INNODB_TRX and INNODB_LOCK_WAITS need it)',
  missing: 'information_schema.INNODB_TRX or INNODB_LOCK_WAITS is missing (is InnoDB loaded?)',
});
