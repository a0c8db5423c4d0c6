import { LIMITS, makeSessionKey, type Session } from '@tenant-sessions/contracts';
import type { ProcessRow, RowContext } from './dialect';

/**
 * The columns MySQL and MariaDB both answer, under these aliases: id, user, host, db, command,
 * time_seconds, state, info_head (at most sqlPreviewChars + 1 characters of the SQL), info_length.
 * `info` is the expression of the SQL text (INFO, or MariaDB's exact INFO_BINARY).
 */
export const PROCESSLIST_COLUMNS = (timeSeconds: string, info = 'INFO'): string =>
  [
    'ID AS id',
    'USER AS user',
    'HOST AS host',
    'DB AS db',
    'COMMAND AS command',
    `${timeSeconds} AS time_seconds`,
    'STATE AS state',
    `LEFT(${info}, ${LIMITS.sqlPreviewChars + 1}) AS info_head`,
    `CHAR_LENGTH(${info}) AS info_length`,
  ].join(', ');

/** A driver value as text (Buffers read as UTF-8); null stays null. */
export const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
};

/** At most `limit` UTF-16 units of `sql`, never splitting a surrogate pair. */
export const previewOf = (sql: string, limit: number = LIMITS.sqlPreviewChars): string => {
  if (sql.length <= limit) return sql;
  const cut = sql.slice(0, limit);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
};

/** The preview of a row's `info_head` (sqlPreviewChars + 1 characters) against its `info_length`. */
export const sqlPreviewOf = (row: ProcessRow): Pick<Session, 'sqlPreview' | 'sqlTruncated'> => {
  const head = text(row.info_head);
  const preview = head === null ? null : previewOf(head);
  const length = row.info_length === null || row.info_length === undefined ? 0 : Number(row.info_length);
  return { sqlPreview: preview, sqlTruncated: preview !== null && [...preview].length < length };
};

const statusOf = (command: string): Session['status'] => {
  if (command === 'Killed') return 'KILLED';
  return command === 'Sleep' ? 'SLEEP' : 'ACTIVE';
};

/** A MySQL / MariaDB processlist row (PROCESSLIST_COLUMNS) as a Session. */
export const processRowToSession = (row: ProcessRow, { address }: RowContext): Session => {
  const id = text(row.id) ?? '0';
  const command = text(row.command) ?? '';
  return {
    key: makeSessionKey(address, id),
    id,
    user: text(row.user) ?? '',
    source: text(row.host) ?? '',
    database: text(row.db),
    command,
    timeSeconds: Number(row.time_seconds ?? 0),
    status: statusOf(command),
    state: text(row.state) || null,
    ...sqlPreviewOf(row),
    observer: address,
    otherObservers: [],
    obproxy: null,
    proxySessionId: null,
    traceId: null,
    sqlId: null,
    transactionState: null,
    protected: false,
    protectedReason: null,
  };
};

/** `CAST(? AS UNSIGNED), ...` for n ids: compared as 64-bit integers, never as doubles. */
export const idList = (ids: string[]): string => ids.map(() => 'CAST(? AS UNSIGNED)').join(', ');

/** Rights-free check of PROCESS for the current account, as GRANTEE is written in USER_PRIVILEGES. */
export const PROCESS_PRIVILEGE_SQL = `SELECT COUNT(*) > 0 AS sees_all FROM information_schema.USER_PRIVILEGES
 WHERE PRIVILEGE_TYPE = 'PROCESS'
   AND GRANTEE = CONCAT(QUOTE(LEFT(CURRENT_USER(), CHAR_LENGTH(CURRENT_USER()) - CHAR_LENGTH(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)) - 1)), '@', QUOTE(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)))`;
