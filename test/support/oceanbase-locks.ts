import type { Connection } from 'mysql2/promise';

/**
 * Schema fixtures, in the test MariaDB, of the views the OceanBase dialect reads for locks, with
 * the columns and types OceanBase's documentation gives (MySQL mode):
 * - `oceanbase`.`GV$OB_TRANSACTION_SCHEDULERS` (4.2.1+): one row per transaction scheduler;
 * - `oceanbase`.`GV$OB_LOCKS` (4.2.0+): locks held (BLOCK 0) and waited for (BLOCK 1, ID1 the
 *   holder's transaction, ID2 its session), as the view is defined over __all_virtual_lock_wait_stat
 *   and __all_virtual_trans_lock_stat;
 * - `oceanbase`.`DBA_OB_TENANTS` (sys tenant): tenant ids by name.
 * The file using them runs on a throwaway mariadbd of its own (`oceanbase` is a fixed name).
 */
const SCHEDULERS = [
  'TENANT_ID bigint(20) NOT NULL',
  'SVR_IP varchar(46) NOT NULL',
  'SVR_PORT bigint(20) NOT NULL',
  'SESSION_ID bigint(20) NOT NULL',
  'TX_ID bigint(20) NOT NULL',
  'STATE varchar(18) NOT NULL',
  'CLUSTER_ID bigint(20) NOT NULL DEFAULT 1',
  'COORDINATOR bigint(20) NOT NULL DEFAULT -1',
  'PARTICIPANTS varchar(1024)',
  "ISOLATION_LEVEL varchar(16) NOT NULL DEFAULT 'READ COMMITTED'",
  'SNAPSHOT_VERSION bigint(20) unsigned',
  "ACCESS_MODE varchar(10) NOT NULL DEFAULT 'READ_WRITE'",
  'TX_OP_SN bigint(20) NOT NULL DEFAULT 1',
  'ACTIVE_TIME timestamp(6) NULL',
  'EXPIRE_TIME timestamp(6) NULL',
  "CAN_EARLY_LOCK_RELEASE varchar(7) NOT NULL DEFAULT 'false'",
  'FORMATID bigint(20) NOT NULL DEFAULT -1',
  'GLOBALID varchar(257)',
  'BRANCHID varchar(257)',
];

const LOCKS = [
  'SVR_IP varchar(46) NOT NULL',
  'SVR_PORT bigint(20) NOT NULL',
  'TENANT_ID bigint(20) NOT NULL',
  'TRANS_ID bigint(20) NOT NULL',
  'SESSION_ID bigint(20) NOT NULL',
  'TYPE varchar(9) NOT NULL',
  'ID1 bigint(20) NOT NULL',
  'ID2 varchar(533) NOT NULL',
  'ID3 varchar(512)',
  'LMODE varchar(8) NOT NULL',
  'REQUEST varchar(8) NOT NULL',
  'CTIME bigint(20) NOT NULL',
  'BLOCK bigint(1) NOT NULL',
];

const TENANTS = [
  'TENANT_ID bigint(20) NOT NULL',
  'TENANT_NAME varchar(128) NOT NULL',
  "TENANT_TYPE varchar(4) NOT NULL DEFAULT 'USER'",
  "STATUS varchar(64) NOT NULL DEFAULT 'NORMAL'",
  "COMPATIBILITY_MODE varchar(6) NOT NULL DEFAULT 'MYSQL'",
];

/** Drops and creates the three views' fixtures, empty. */
export const createObLockViews = async (admin: Connection): Promise<void> => {
  await admin.query('CREATE DATABASE IF NOT EXISTS oceanbase');
  for (const [name, columns] of [
    ['GV$OB_TRANSACTION_SCHEDULERS', SCHEDULERS],
    ['GV$OB_LOCKS', LOCKS],
    ['DBA_OB_TENANTS', TENANTS],
  ] as const) {
    await admin.query(`DROP TABLE IF EXISTS oceanbase.\`${name}\``);
    await admin.query(`CREATE TABLE oceanbase.\`${name}\` (${columns.join(', ')})`);
  }
};

/** An open transaction: its scheduler on `svrIp`, started `ageSeconds` ago. */
export type ObTransaction = {
  tenantId: number;
  svrIp: string;
  sessionId: string;
  txId: string;
  ageSeconds: number;
};

/** A lock wait: `waiter`'s transaction waits for a row lock `holder`'s transaction holds. */
export type ObWait = {
  tenantId: number;
  svrIp: string;
  waiter: { sessionId: string; txId: string };
  holder: { sessionId: string; txId: string };
};

export const insertObTransactions = async (
  admin: Connection,
  transactions: ObTransaction[],
): Promise<void> => {
  for (const t of transactions)
    await admin.query(
      `INSERT INTO oceanbase.\`GV$OB_TRANSACTION_SCHEDULERS\` (TENANT_ID, SVR_IP, SVR_PORT, SESSION_ID, TX_ID, STATE, PARTICIPANTS, ACTIVE_TIME, EXPIRE_TIME)
       VALUES (?, ?, 2882, ?, ?, 'ACTIVE', '[{id:1001}]', NOW(6) - INTERVAL ? SECOND, NOW(6) + INTERVAL 86400 SECOND)`,
      [t.tenantId, t.svrIp, t.sessionId, t.txId, t.ageSeconds],
    );
};

/**
 * The rows GV$OB_LOCKS shows for holders and waits: per holding transaction a TX row and a TR row
 * (the row lock, ID3 `<tablet>-<rowkey>`), per wait a TR row with BLOCK 1.
 */
export const insertObLocks = async (admin: Connection, waits: ObWait[]): Promise<void> => {
  const insert = (values: unknown[]) =>
    admin.query(
      'INSERT INTO oceanbase.`GV$OB_LOCKS` (SVR_IP, SVR_PORT, TENANT_ID, TRANS_ID, SESSION_ID, TYPE, ID1, ID2, ID3, LMODE, REQUEST, CTIME, BLOCK) VALUES (?, 2882, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      values,
    );
  const holders = new Set<string>();
  for (const w of waits) {
    const { holder, waiter } = w;
    if (!holders.has(`${w.tenantId}/${holder.txId}`)) {
      holders.add(`${w.tenantId}/${holder.txId}`);
      await insert([
        w.svrIp,
        w.tenantId,
        holder.txId,
        holder.sessionId,
        'TX',
        holder.txId,
        holder.sessionId,
        null,
        'X',
        'NONE',
        11162,
        0,
      ]);
      await insert([
        w.svrIp,
        w.tenantId,
        holder.txId,
        holder.sessionId,
        'TR',
        holder.txId,
        holder.sessionId,
        '200001-{"BIGINT":1}',
        'X',
        'NONE',
        11162,
        0,
      ]);
    }
    await insert([
      w.svrIp,
      w.tenantId,
      waiter.txId,
      waiter.sessionId,
      'TR',
      holder.txId,
      holder.sessionId,
      '200001-{"BIGINT":1}',
      'NONE',
      'X',
      4411886,
      1,
    ]);
  }
};

export const insertObTenants = async (admin: Connection, tenants: Array<[number, string]>): Promise<void> => {
  for (const [id, name] of tenants)
    await admin.query('INSERT INTO oceanbase.DBA_OB_TENANTS (TENANT_ID, TENANT_NAME) VALUES (?, ?)', [
      id,
      name,
    ]);
};
