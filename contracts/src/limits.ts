/** Bounds every caller is held to (docs/api.md, "Inputs are bounded"). */
export const LIMITS = {
  /** Longest accepted string in any input: ids, filters, session keys. */
  maxString: 256,
  /**
   * Most procedures one /trpc request (a batch) may call: the parcel's client splits larger
   * batches, and the sidecar refuses them. Each may answer a full page, so this bounds the work
   * and the answer of one request.
   */
  maxBatch: 10,
  /** Most session keys in one kill or killQuery call. */
  maxKillKeys: 100,
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: 64 * 1024,
  /** Page sizes a caller may ask for. */
  minPageSize: 1,
  maxPageSize: 1000,
  defaultPageSize: 50,
  /** Highest page index accepted (a page beyond the data answers no rows). */
  maxPageIndex: 1_000_000,
  /** Characters of SQL a list row carries; the rest is read with sessions.sql. */
  sqlPreviewChars: 256,
  /** Characters of a closed session's SQL the audit keeps (fits a MySQL TEXT in utf8mb4). */
  auditSqlChars: 16_000,
  /** Rows of each grouping a `sessions.stats` answer carries (its top rows; the CSV export has all). */
  statsTopRows: 100,
  /** Sessions a `sessions.stats` answer names as the top blockers (those most sessions wait on). */
  statsTopBlockers: 10,
} as const;

/** A database session id: an unsigned 64-bit integer written in decimal. */
export const SESSION_ID_PATTERN = /^[0-9]{1,20}$/;
export const MAX_SESSION_ID = 18446744073709551615n;

/**
 * The columns a list sorts by (`sortColumn` in sessions.ts), here as a plain list too: this module
 * holds no zod, so a client may check against it without shipping zod (the parcel's links).
 */
export const SORT_COLUMNS = [
  'id',
  'user',
  'source',
  'database',
  'command',
  'timeSeconds',
  'status',
  'observer',
  // Sessions and locks (docs/api.md).
  'transactionSeconds',
  'blocking',
] as const;
