import { makeSessionKey, type Session } from '@tenant-sessions/contracts';
import type { DirectAddress, ProcessRow, RowContext } from '../dialect';
import { NO_BLOCKERS, NO_OTHER_OBSERVERS, shared, sharedText, sqlOfRow, text } from '../rows';

/** Empty text (SQL_ID, TRANS_STATE and TRACE_ID outside a statement or transaction) as null. */
const filled = (value: unknown): string | null => text(value) || null;

/** `filled`, one shared copy per distinct value (TRANS_STATE, STATE repeat across rows). */
const filledShared = (value: unknown): string | null => sharedText(value) || null;

/** STATE first (ACTIVE, SLEEP, INIT, QUERY_KILLED, SESSION_KILLED), else the command. */
export const statusOf = (state: string | null, command: string): Session['status'] => {
  switch (state?.toUpperCase()) {
    case 'ACTIVE':
      return 'ACTIVE';
    case 'SLEEP':
    case 'INIT':
      return 'SLEEP';
    case 'QUERY_KILLED':
    case 'SESSION_KILLED':
      return 'KILLED';
    default:
      return command === 'Sleep' ? 'SLEEP' : 'ACTIVE';
  }
};

/** The observer holding the row's session: SVR_IP:SVR_PORT (the RPC port, as OceanBase names servers). */
export const observerOf = (row: ProcessRow): string =>
  shared(`${text(row.svr_ip) ?? ''}:${text(row.svr_port) ?? ''}`) as string;

/**
 * The client's own address: USER_CLIENT_IP (with USER_CLIENT_PORT where the server has it and it
 * is not 0), never the proxy's. A direct client without USER_CLIENT_IP is its HOST.
 */
const sourceOf = (row: ProcessRow, viaProxy: boolean): string => {
  const ip = text(row.user_client_ip);
  if (!ip) return viaProxy ? '' : (text(row.host) ?? '');
  const port = Number(row.user_client_port ?? 0);
  return port > 0 ? `${ip}:${port}` : ip;
};

/** A GV$OB_PROCESSLIST row (sql.ts's aliases) as a Session. */
export const obRowToSession = (row: ProcessRow, context?: RowContext): Session => {
  const id = text(row.id) ?? '0';
  const observer = observerOf(row);
  const command = sharedText(row.command) ?? '';
  const state = filledShared(row.state);
  const proxySessionId = text(row.proxy_sessid);
  const viaProxy = proxySessionId !== null;
  const db = sharedText(row.db);
  const sqlId = filled(row.sql_id);
  // Named fields, no spread: the literal gets all its properties in the object itself.
  const key = makeSessionKey(observer, id);
  const { sqlPreview, sqlTruncated, sqlDigest } = sqlOfRow(row, sqlId, context?.previous?.get(key));
  return {
    key,
    id,
    user: sharedText(row.user) ?? '',
    source: sourceOf(row, viaProxy),
    // With no database selected OceanBase writes the string 'NULL'.
    database: db === 'NULL' ? null : db,
    command,
    timeSeconds: Number(row.time_seconds ?? 0),
    status: statusOf(state, command),
    state,
    sqlPreview,
    sqlTruncated,
    sqlDigest,
    observer,
    otherObservers: NO_OTHER_OBSERVERS,
    obproxy: viaProxy ? text(row.host) : null,
    proxySessionId,
    traceId: filled(row.trace_id),
    sqlId,
    transactionState: filledShared(row.trans_state),
    protected: false,
    protectedReason: null,
    // Filled by the snapshot's lock read (snapshots/locks.ts).
    transactionSeconds: null,
    blockedBy: NO_BLOCKERS,
    blocking: 0,
  };
};

/** The row's observer as a MySQL endpoint: SVR_IP:SQL_PORT. */
export const directAddressOf = (row: ProcessRow): DirectAddress | null => {
  const host = text(row.svr_ip);
  const port = Number(row.sql_port);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { key: makeSessionKey(observerOf(row), text(row.id) ?? '0'), host, port };
};
