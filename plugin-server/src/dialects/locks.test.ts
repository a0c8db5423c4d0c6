import { describe, expect, it } from 'vitest';
import type { LockRead } from './dialect';
import { DATA_LOCK_WAITS_SQL, INNODB_LOCKS_SQL } from './locks';
import { mariadbDialect } from './mariadb';
import { mysqlDialect } from './mysql';
import { obLocks } from './oceanbase/locks';
import { hint } from './oceanbase/sql';

// The exact lock read each dialect sends, pinned (the MariaDB and OceanBase ones also run against
// a real server and a fixture in test/server/locks.test.ts and oceanbase-locks.test.ts).
const statementOf = (read: LockRead, timeoutMs = 2000) => {
  if ('unavailable' in read) throw new Error(read.unavailable);
  return read.statement(timeoutMs);
};
const TRX =
  "SELECT 'trx' AS kind, CAST(trx_id AS CHAR) AS trx_id, CAST(trx_mysql_thread_id AS CHAR) AS session_id, TIMESTAMPDIFF(SECOND, trx_started, NOW()) AS trx_seconds, NULL AS holder_trx_id FROM information_schema.INNODB_TRX";

describe('the lock read of each dialect', () => {
  it('MariaDB: INNODB_TRX and INNODB_LOCK_WAITS in one statement, bounded by max_statement_time', () => {
    expect(INNODB_LOCKS_SQL).toBe(
      `${TRX} UNION ALL SELECT 'wait', CAST(requesting_trx_id AS CHAR), NULL, NULL, CAST(blocking_trx_id AS CHAR) FROM information_schema.INNODB_LOCK_WAITS`,
    );
    expect(statementOf(mariadbDialect().locks, 2500)).toEqual({
      sql: `SET STATEMENT max_statement_time = 2.500 FOR ${INNODB_LOCKS_SQL}`,
      values: [],
    });
    expect(mariadbDialect().locks).toMatchObject({ privilege: expect.stringMatching(/^PROCESS /) });
  });

  it('MySQL 8: performance_schema.data_lock_waits, the hint after the first SELECT; 5.7: INNODB_LOCK_WAITS', () => {
    expect(DATA_LOCK_WAITS_SQL).toBe(
      `${TRX} UNION ALL SELECT 'wait', CAST(REQUESTING_ENGINE_TRANSACTION_ID AS CHAR), NULL, NULL, CAST(BLOCKING_ENGINE_TRANSACTION_ID AS CHAR) FROM performance_schema.data_lock_waits WHERE ENGINE = 'INNODB'`,
    );
    const hinted = (sql: string) => sql.replace(/^SELECT /, 'SELECT /*+ MAX_EXECUTION_TIME(2000) */ ');
    expect(statementOf(mysqlDialect('8.0.36', true, true).locks).sql).toBe(hinted(DATA_LOCK_WAITS_SQL));
    expect(statementOf(mysqlDialect('8.0.21', false, true).locks).sql).toBe(hinted(DATA_LOCK_WAITS_SQL));
    expect(statementOf(mysqlDialect('5.7.44').locks).sql).toBe(hinted(INNODB_LOCKS_SQL));
    expect(mysqlDialect('8.4.3', true, true).locks).toMatchObject({
      privilege: 'PROCESS (information_schema.INNODB_TRX) and SELECT on performance_schema.data_lock_waits',
    });
  });

  it('MySQL 8 with performance_schema OFF: nothing to read, and why', () => {
    expect(mysqlDialect('8.0.36', false, false).locks).toEqual({
      unavailable:
        'performance_schema is OFF on this server: MySQL 8 reports lock waits only in performance_schema.data_lock_waits',
    });
  });

  it('OceanBase: schedulers and waiting GV$OB_LOCKS rows; in the sys scope both cut to the tenant, bound', () => {
    const schedulers =
      "SELECT /*+ QUERY_TIMEOUT(2000000) */ 'trx' AS kind, CAST(TX_ID AS CHAR) AS trx_id, CAST(SESSION_ID AS CHAR) AS session_id, TIMESTAMPDIFF(MICROSECOND, ACTIVE_TIME, NOW(6)) / 1000000 AS trx_seconds, NULL AS holder_trx_id FROM oceanbase.`GV$OB_TRANSACTION_SCHEDULERS` WHERE ACTIVE_TIME IS NOT NULL AND STATE <> 'IDLE'";
    const waits =
      " UNION ALL SELECT 'wait', CAST(TRANS_ID AS CHAR), CAST(SESSION_ID AS CHAR), NULL, CAST(ID1 AS CHAR) FROM oceanbase.`GV$OB_LOCKS` WHERE BLOCK = 1";
    expect(statementOf(obLocks({ kind: 'tenant' }, hint))).toEqual({
      sql: `${schedulers}${waits}`,
      values: [],
    });
    const tenant = ' AND TENANT_ID = (SELECT TENANT_ID FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_NAME = ?)';
    expect(statementOf(obLocks({ kind: 'sys', tenantName: 'mysql001' }, hint))).toEqual({
      sql: `${schedulers}${tenant}${waits}${tenant}`,
      values: ['mysql001', 'mysql001'],
    });
  });
});
