import { LIMITS, makeSessionKey, type Session, sessionDigest } from '@tenant-sessions/contracts';
import type { ProcessRow, RowContext } from './dialect';

/**
 * The whole SQL text of a row whose text is longer than its head, as `info_long` (null for the
 * others, whose head is the whole text): the statement digest is taken over the whole statement,
 * and only long statements cost a second copy on the wire.
 */
export const LONG_SQL_COLUMN = (info = 'INFO'): string =>
  `IF(CHAR_LENGTH(${info}) > ${LIMITS.sqlPreviewChars + 1}, ${info}, NULL) AS info_long`;

/**
 * In the list's place of LONG_SQL_COLUMN: the MD5 of the text of a row longer than its head, as
 * `info_hash` (null for the others). A long statement that runs on, or runs again, is read whole
 * once: its digest is remembered by this hash (`WHOLE_SQL_COLUMNS` reads the texts not yet known,
 * `completeDigests` digests them). `hashed` is the text as stored (MariaDB's INFO_BINARY): its
 * byte length and its MD5 need no conversion of the text, which costs the read more than the
 * hash. A row whose bytes are past the head but whose characters are not has a hash it does not
 * need: its head is its whole text.
 */
export const LONG_SQL_HASH_COLUMN = (hashed = 'INFO'): string =>
  `IF(LENGTH(${hashed}) > ${LIMITS.sqlPreviewChars + 1}, MD5(${hashed}), NULL) AS info_hash`;

/**
 * The columns MySQL and MariaDB both answer, under these aliases: id, user, host, db, command,
 * time_seconds, state, info_head (at most sqlPreviewChars + 1 characters of the SQL), info_length,
 * and for a statement longer than its head `info_hash` (LONG_SQL_HASH_COLUMN over `hashed`; the
 * list's) or, with `whole`, `info_long` (LONG_SQL_COLUMN; kill's fresh read). `info` is the
 * expression of the SQL text (INFO, or MariaDB's exact INFO_BINARY read as utf8mb4).
 */
export const PROCESSLIST_COLUMNS = (
  timeSeconds: string,
  info = 'INFO',
  whole = false,
  hashed = info,
): string =>
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
    whole ? LONG_SQL_COLUMN(info) : LONG_SQL_HASH_COLUMN(hashed),
  ].join(', ');

/**
 * The whole texts of the sessions whose digest the list's hash did not find: id, info_length,
 * info_hash (as the list's: the MD5 of `hashed`) and info_long, the whole text.
 */
export const WHOLE_SQL_COLUMNS = (info = 'INFO', hashed = info): string =>
  [
    'ID AS id',
    `CHAR_LENGTH(${info}) AS info_length`,
    `MD5(${hashed}) AS info_hash`,
    `${info} AS info_long`,
  ].join(', ');

/**
 * The column kill's fresh read adds for the audit: at most auditSqlChars + 1 characters of the
 * SQL text (the one more says it was cut), as `info_audit`.
 */
export const AUDIT_SQL_COLUMN = (info = 'INFO'): string =>
  `LEFT(${info}, ${LIMITS.auditSqlChars + 1}) AS info_audit`;

/** A driver value as text (Buffers read as UTF-8); null stays null. */
export const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
};

const INTERN_MAX = 4096;
const interned = new Map<string, string>();

/**
 * One shared copy of a value that repeats across rows (user, database, command, state, observer):
 * a snapshot of 50,000 sessions then holds a handful of these strings instead of 50,000 copies, and
 * the driver's copy dies young. Bounded: forgets everything past INTERN_MAX distinct values.
 */
export const shared = (value: string | null): string | null => {
  if (value === null || value.length > 64) return value;
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_MAX) interned.clear();
  interned.set(value, value);
  return value;
};

/** A driver value as text, one shared copy per distinct value (see `shared`). */
export const sharedText = (value: unknown): string | null => shared(text(value));

/** The empty `otherObservers` of every unfolded session (never mutated: folding makes a new array). */
export const NO_OTHER_OBSERVERS: string[] = [];

/** The empty `blockedBy` of every session no lock read named (never mutated: the join makes new arrays). */
export const NO_BLOCKERS: string[] = [];

/** At most `limit` UTF-16 units of `sql`, never splitting a surrogate pair. */
export const previewOf = (sql: string, limit: number = LIMITS.sqlPreviewChars): string => {
  if (sql.length <= limit) return sql;
  const cut = sql.slice(0, limit);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
};

/** Code points in `text` (a surrogate pair is one), without making an array of them. */
const codePoints = (text: string): number => {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) pairs++;
  }
  return text.length - pairs;
};

/**
 * The preview of a row's `info_head` (sqlPreviewChars + 1 characters) against its `info_length`
 * (in characters, as CHAR_LENGTH counts them), and the statement's digest where the server gives
 * no SQL ID (`sqlId`): over `info_long`, the whole text, when the head is not all of it; the digest
 * of `before` (the session in the previous read) when its whole text is the same.
 */
export const sqlOfRow = (
  row: ProcessRow,
  sqlId: string | null = null,
  before?: Pick<Session, 'sqlPreview' | 'sqlTruncated' | 'sqlDigest'>,
): Pick<Session, 'sqlPreview' | 'sqlTruncated' | 'sqlDigest'> => {
  const head = text(row.info_head);
  if (head === null) return { sqlPreview: null, sqlTruncated: false, sqlDigest: null };
  const preview = previewOf(head);
  const length = row.info_length === null || row.info_length === undefined ? 0 : Number(row.info_length);
  // Fewer UTF-16 units than the text has characters: cut, without counting.
  const sqlTruncated = preview.length < length || codePoints(preview) < length;
  let sqlDigest: string | null = null;
  // The same whole statement as in the session's previous read: the same digest.
  if (sqlId === null && !sqlTruncated && before && !before.sqlTruncated && before.sqlPreview === preview)
    sqlDigest = before.sqlDigest ?? null;
  else if (sqlId === null) {
    const whole = text(row.info_long);
    const hash = whole === null && length > LIMITS.sqlPreviewChars + 1 ? text(row.info_hash) : null;
    sqlDigest =
      hash === null ? sessionDigest(whole ?? head) : (wholeDigests.get(hashKey(hash, length)) ?? null);
  }
  return { sqlPreview: preview, sqlTruncated, sqlDigest };
};

/**
 * Digests of whole statements by the MD5 and length of their text: a list row of a long
 * statement carries its hash, not its text. At most WHOLE_DIGESTS (about 80 bytes each), forgotten
 * all at once when full. A crafted MD5 collision of the same length could at worst count one
 * statement under another's digest; the hash protects nothing.
 */
const wholeDigests = new Map<string, string | null>();
const WHOLE_DIGESTS = 8192;
const hashKey = (hash: string, length: number) => `${hash}:${length}`;

const rememberWhole = (key: string, digest: string | null) => {
  if (wholeDigests.size >= WHOLE_DIGESTS) wholeDigests.clear();
  wholeDigests.set(key, digest);
};

/**
 * Whether a list row's session is still to be digested: its statement is longer than its head,
 * the server gave its hash, and no digest is remembered by that hash.
 */
export const digestPending = (row: ProcessRow): boolean => {
  const hash = row.info_hash;
  const length = Number(row.info_length ?? 0);
  if (hash === null || hash === undefined || row.info_long != null || length <= LIMITS.sqlPreviewChars + 1)
    return false;
  return !wholeDigests.has(hashKey(String(hash), length));
};

/**
 * Digests the sessions `digestPending` named, from their whole texts (`WHOLE_SQL_COLUMNS` rows,
 * read by `wholeTexts`), and remembers each digest by its hash. A statement that changed between
 * the two reads is digested as it runs at the second; a session gone by then, or a read that
 * failed, is digested over its preview.
 */
export const completeDigests = async (
  pending: Session[],
  wholeTexts: (ids: string[]) => Promise<ProcessRow[]>,
): Promise<void> => {
  const byId = new Map<string, string | null>();
  try {
    for (const row of await wholeTexts([...new Set(pending.map((s) => s.id))])) {
      const whole = text(row.info_long);
      const digest = sessionDigest(whole);
      byId.set(text(row.id) ?? '', digest);
      const hash = text(row.info_hash);
      if (hash !== null && whole !== null) rememberWhole(hashKey(hash, Number(row.info_length ?? 0)), digest);
    }
  } catch {
    // The previews' digests below: the list is not failed for its digests.
  }
  for (const session of pending) {
    const digest = byId.get(session.id);
    session.sqlDigest = digest === undefined ? sessionDigest(session.sqlPreview) : digest;
  }
};

const statusOf = (command: string): Session['status'] => {
  if (command === 'Killed') return 'KILLED';
  return command === 'Sleep' ? 'SLEEP' : 'ACTIVE';
};

/** A MySQL / MariaDB processlist row (PROCESSLIST_COLUMNS) as a Session. */
export const processRowToSession = (row: ProcessRow, { address, previous }: RowContext): Session => {
  const id = text(row.id) ?? '0';
  const command = sharedText(row.command) ?? '';
  const key = makeSessionKey(address, id);
  // Named fields, no spread: the literal gets all its properties in the object itself.
  const { sqlPreview, sqlTruncated, sqlDigest } = sqlOfRow(row, null, previous?.get(key));
  return {
    key,
    id,
    user: sharedText(row.user) ?? '',
    source: text(row.host) ?? '',
    database: sharedText(row.db),
    command,
    timeSeconds: Number(row.time_seconds ?? 0),
    status: statusOf(command),
    state: sharedText(row.state) || null,
    sqlPreview,
    sqlTruncated,
    sqlDigest,
    observer: address,
    otherObservers: NO_OTHER_OBSERVERS,
    obproxy: null,
    proxySessionId: null,
    traceId: null,
    sqlId: null,
    transactionState: null,
    protected: false,
    protectedReason: null,
    // Filled by the snapshot's lock read (snapshots/locks.ts).
    transactionSeconds: null,
    blockedBy: NO_BLOCKERS,
    blocking: 0,
  };
};

/** `CAST(? AS UNSIGNED), ...` for n ids: compared as 64-bit integers, never as doubles. */
export const idList = (ids: string[]): string => ids.map(() => 'CAST(? AS UNSIGNED)').join(', ');

/** Rights-free check of PROCESS for the current account, as GRANTEE is written in USER_PRIVILEGES. */
export const PROCESS_PRIVILEGE_SQL = `SELECT COUNT(*) > 0 AS sees_all FROM information_schema.USER_PRIVILEGES
 WHERE PRIVILEGE_TYPE = 'PROCESS'
   AND GRANTEE = CONCAT(QUOTE(LEFT(CURRENT_USER(), CHAR_LENGTH(CURRENT_USER()) - CHAR_LENGTH(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)) - 1)), '@', QUOTE(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)))`;
