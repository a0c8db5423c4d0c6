import type { LockRead, Statement } from '../dialect';
import type { Scope } from './sql';

/** Transaction schedulers (4.2.1+): one row per open transaction, with its session and start. */
export const SCHEDULERS_VIEW = 'oceanbase.`GV$OB_TRANSACTION_SCHEDULERS`';
/** Locks held and waited for (4.2.0+); a waiting row has BLOCK = 1 and the holder's TX_ID in ID1. */
export const LOCKS_VIEW = 'oceanbase.`GV$OB_LOCKS`';
/** The sys tenant's list of tenants (the lock views name a tenant by TENANT_ID, the processlist by name). */
export const TENANTS_VIEW = 'oceanbase.DBA_OB_TENANTS';

/**
 * OceanBase's lock read, in the aliases of dialects/locks.ts: open transactions from
 * GV$OB_TRANSACTION_SCHEDULERS (SESSION_ID, TX_ID, ACTIVE_TIME: "when the transaction was started,
 * explicitly or implicitly"), waits from GV$OB_LOCKS' BLOCK = 1 rows (TRANS_ID and SESSION_ID the
 * waiter, ID1 the transaction holding the lock, as the view is defined over
 * __all_virtual_lock_wait_stat's HOLDER_TRANS_ID). The holder's session is found through its
 * transaction, as OceanBase's own diagnostic tool does. In the sys scope both halves are cut to the
 * tenant (transaction ids are unique within a tenant only).
 */
export const obLocks = (scope: Scope, hint: (timeoutMs: number) => string): LockRead => {
  const tenant: Statement =
    scope.kind === 'sys'
      ? {
          sql: ` AND TENANT_ID = (SELECT TENANT_ID FROM ${TENANTS_VIEW} WHERE TENANT_NAME = ?)`,
          values: [scope.tenantName],
        }
      : { sql: '', values: [] };
  return {
    statement: (timeoutMs) => ({
      sql:
        `SELECT ${hint(timeoutMs)} 'trx' AS kind, CAST(TX_ID AS CHAR) AS trx_id, CAST(SESSION_ID AS CHAR) AS session_id, TIMESTAMPDIFF(MICROSECOND, ACTIVE_TIME, NOW(6)) / 1000000 AS trx_seconds, NULL AS holder_trx_id FROM ${SCHEDULERS_VIEW} WHERE ACTIVE_TIME IS NOT NULL AND STATE <> 'IDLE'${tenant.sql}` +
        ` UNION ALL SELECT 'wait', CAST(TRANS_ID AS CHAR), CAST(SESSION_ID AS CHAR), NULL, CAST(ID1 AS CHAR) FROM ${LOCKS_VIEW} WHERE BLOCK = 1${tenant.sql}`,
      values: [...tenant.values, ...tenant.values],
    }),
    privilege: `SELECT on GV$OB_TRANSACTION_SCHEDULERS and GV$OB_LOCKS (oceanbase.*)${scope.kind === 'sys' ? ' and DBA_OB_TENANTS' : ''}`,
    missing:
      'GV$OB_LOCKS or GV$OB_TRANSACTION_SCHEDULERS is not on this server: lock waits need OceanBase 4.2.1 or later',
  };
};
