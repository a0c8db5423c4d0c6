import type { Connection, RowDataPacket } from 'mysql2/promise';
import { connect, openVictim, type Victim } from './db';
import type { ThrowawayServer } from './mariadbd';

/**
 * A schema fixture of OceanBase's `oceanbase`.`GV$OB_PROCESSLIST` in the test MariaDB: the 4.2
 * column set (36 columns, integer TIME) or the 4.3 one (39: USER_CLIENT_PORT, TOTAL_CPU_TIME and
 * PROXY_USER added, TIME fractional). Types follow the research brief's reading of the source;
 * INFO is longtext and the varchar(4096) columns text: MariaDB caps a row's VARCHARs at 65535 bytes.
 * One test file owns it.
 */
export type ObColumnSet = '4.2' | '4.3';

const columns = (set: ObColumnSet): string[] => {
  const seconds = set === '4.3' ? 'double' : 'bigint(20)';
  return [
    'SVR_IP varchar(46) NOT NULL',
    'SVR_PORT bigint(20) NOT NULL',
    'SQL_PORT bigint(20) NOT NULL',
    'ID bigint(20) unsigned NOT NULL',
    'USER varchar(32) NOT NULL',
    'HOST varchar(128) NOT NULL',
    'DB varchar(128)',
    'TENANT varchar(128) NOT NULL',
    'COMMAND text NOT NULL',
    `TIME ${seconds} NOT NULL`,
    `TOTAL_TIME ${seconds} NOT NULL`,
    'STATE varchar(128)',
    'INFO longtext',
    'PROXY_SESSID bigint(20) unsigned',
    'MASTER_SESSID bigint(20) unsigned',
    'USER_CLIENT_IP varchar(46)',
    "USER_HOST varchar(128) DEFAULT '%'",
    'RETRY_CNT bigint(20) NOT NULL DEFAULT 0',
    'RETRY_INFO bigint(20) NOT NULL DEFAULT 0',
    "SQL_ID varchar(32) NOT NULL DEFAULT ''",
    'TRANS_ID bigint(20) unsigned NOT NULL DEFAULT 0',
    'THREAD_ID bigint(20) unsigned NOT NULL DEFAULT 0',
    'SSL_CIPHER text',
    'TRACE_ID varchar(64)',
    'TRANS_STATE varchar(32)',
    'ACTION text',
    'MODULE text',
    'CLIENT_INFO text',
    'LEVEL bigint(20) NOT NULL DEFAULT 1',
    'SAMPLE_PERCENTAGE bigint(20) NOT NULL DEFAULT 10',
    "RECORD_POLICY varchar(32) NOT NULL DEFAULT 'SAMPLE_AND_SLOW_QUERY'",
    'LB_VID bigint(20)',
    'LB_VIP varchar(46)',
    'LB_VPORT bigint(20)',
    'IN_BYTES bigint(20) NOT NULL DEFAULT 0',
    'OUT_BYTES bigint(20) NOT NULL DEFAULT 0',
    ...(set === '4.3'
      ? [
          'USER_CLIENT_PORT bigint(20) NOT NULL DEFAULT 0',
          'TOTAL_CPU_TIME bigint(20) NOT NULL DEFAULT 0',
          'PROXY_USER varchar(128)',
        ]
      : []),
  ];
};

/** One fixture row: the columns the dialect reads, the rest left to their defaults. */
export type ObRow = {
  svrIp: string;
  id: string;
  user: string;
  host: string;
  db: string | null;
  tenant?: string;
  command: string;
  time: number;
  state: string;
  info?: string | null;
  proxySessid?: string | null;
  userClientIp: string | null;
  /** 4.3 only: the client's port (0 through OBProxy). */
  userClientPort?: number;
  sqlId?: string;
  traceId?: string | null;
  transState?: string;
  svrPort?: number;
  sqlPort?: number;
};

/** Drops and creates `oceanbase`.`GV$OB_PROCESSLIST` with one version's columns. */
export const createObView = async (admin: Connection, set: ObColumnSet): Promise<void> => {
  await admin.query('CREATE DATABASE IF NOT EXISTS oceanbase');
  await admin.query('DROP TABLE IF EXISTS oceanbase.`GV$OB_PROCESSLIST`');
  await admin.query(`CREATE TABLE oceanbase.\`GV$OB_PROCESSLIST\` (${columns(set).join(', ')})`);
};

/** Inserts rows; TIME is floored for the 4.2 set, USER_CLIENT_PORT written only in 4.3. */
export const insertObRows = async (admin: Connection, set: ObColumnSet, rows: ObRow[]): Promise<void> => {
  for (const row of rows) {
    const values: Record<string, unknown> = {
      SVR_IP: row.svrIp,
      SVR_PORT: row.svrPort ?? 2882,
      SQL_PORT: row.sqlPort ?? 2881,
      ID: row.id,
      USER: row.user,
      HOST: row.host,
      DB: row.db,
      TENANT: row.tenant ?? 'mysql001',
      COMMAND: row.command,
      TIME: set === '4.3' ? row.time : Math.floor(row.time),
      TOTAL_TIME: set === '4.3' ? row.time : Math.floor(row.time),
      STATE: row.state,
      INFO: row.info ?? null,
      PROXY_SESSID: row.proxySessid ?? null,
      USER_CLIENT_IP: row.userClientIp,
      SQL_ID: row.sqlId ?? '',
      TRACE_ID: row.traceId ?? null,
      TRANS_STATE: row.transState ?? '',
      ...(set === '4.3' ? { USER_CLIENT_PORT: row.userClientPort ?? 0, PROXY_USER: '' } : {}),
    };
    const names = Object.keys(values);
    await admin.query(
      `INSERT INTO oceanbase.\`GV$OB_PROCESSLIST\` (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      Object.values(values),
    );
  }
};

export const deleteObRow = async (admin: Connection, svrIp: string, id: string): Promise<void> => {
  await admin.query('DELETE FROM oceanbase.`GV$OB_PROCESSLIST` WHERE SVR_IP = ? AND ID = ?', [svrIp, id]);
};

/** Whether the server at `admin` has a live connection with this id. */
export const liveOn = async (admin: Connection, id: string): Promise<boolean> => {
  const [rows] = await admin.query<RowDataPacket[]>(
    'SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ?',
    [id],
  );
  return rows.length > 0;
};

/**
 * A victim on `server` whose id is no live connection of the server at `admin` and never will be
 * (so a KILL of that id sent there cannot hit anyone): the main server's id counter is first moved
 * past the victim's id (ids below it are never handed out again), then the id is checked unused.
 */
export const victimUnknownTo = async (
  admin: Connection,
  mainUrl: string,
  server: ThrowawayServer,
): Promise<Victim> => {
  for (let tries = 0; tries < 20; tries += 1) {
    const victim = await openVictim(server.url);
    let past = false;
    for (let pushes = 0; pushes < 1000 && !past; pushes += 1) {
      const probe = await connect(mainUrl);
      past = BigInt(probe.threadId) > BigInt(victim.id);
      await probe.end();
    }
    if (past && !(await liveOn(admin, victim.id))) return victim;
    await victim.close();
  }
  throw new Error(`no id of ${server.url} is free on the test server`);
};
