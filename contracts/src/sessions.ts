import { z } from 'zod';
import { LIMITS, MAX_SESSION_ID, SESSION_ID_PATTERN, SORT_COLUMNS } from './limits';
import { dialect, entityId, tenantRef } from './tenants';

/** True when `digits` (already checked to be decimal) is at most 2^64 - 1; false for anything else. */
const fitsUint64 = (digits: string): boolean =>
  SESSION_ID_PATTERN.test(digits) && BigInt(digits) <= MAX_SESSION_ID;

const boundedString = z.string().max(LIMITS.maxString, `must be at most ${LIMITS.maxString} characters`);

/** A session id: decimal digits only, at most 2^64 - 1. */
export const sessionId = z
  .string()
  .regex(SESSION_ID_PATTERN, 'must be 1 to 20 decimal digits')
  .refine(fitsUint64, 'must be at most 18446744073709551615');

/**
 * A row key: `<observer>#<id>`, e.g. `10.0.0.5:2882#3221487617`. The id part is a session id;
 * the observer part names the server holding the session (never `#`).
 */
export const sessionKey = boundedString
  .regex(/^[^#\s]*#[0-9]{1,20}$/, 'must be "<observer>#<session id>", e.g. "10.0.0.5:2882#3221487617"')
  .refine(
    (key) => fitsUint64(key.slice(key.lastIndexOf('#') + 1)),
    'session id must be at most 18446744073709551615',
  );

export { makeSessionKey, parseSessionKey } from './sessionKey';

export const sortColumn = z.enum(SORT_COLUMNS);
export type SortColumn = z.infer<typeof sortColumn>;

export const sort = z
  .object({ column: sortColumn, direction: z.enum(['asc', 'desc']) })
  .strict()
  .default({ column: 'timeSeconds', direction: 'desc' });
export type Sort = z.output<typeof sort>;

/** What a statistics row groups by; the `group` filter of a list takes the same. */
export const groupBy = z.enum(['user', 'source', 'database', 'sql'], {
  error: 'must be one of "user", "source", "database", "sql"',
});
export type GroupBy = z.infer<typeof groupBy>;

/**
 * The sessions one statistics row counts: `value` is that row's value exactly as it came
 * (null: the row of sessions with no database, no client address or no statement).
 */
export const groupFilter = z
  .object({ by: groupBy, value: boundedString.nullable() }, { error: 'must be { by, value }' })
  .strict();
export type GroupFilter = z.infer<typeof groupFilter>;

export const listInput = z
  .object({
    clusterId: entityId,
    tenantId: entityId,
    activeOnly: z.boolean().default(false),
    user: boundedString.optional(),
    source: boundedString.optional(),
    database: boundedString.optional(),
    /** Sessions whose id contains these digits. */
    sessionId: z
      .string()
      .regex(SESSION_ID_PATTERN, 'must be 1 to 20 decimal digits (part of a session id)')
      .optional(),
    /** Case-insensitive substring of the session's current SQL text. */
    sql: boundedString.optional(),
    /** Exact (case-insensitive) SQL ID; on servers with no SQL ID, the statement digest. */
    sqlId: boundedString.optional(),
    /** Exactly the sessions one statistics row counts. */
    group: groupFilter.optional(),
    /** Only sessions that block others (`blocking` > 0), most blocking first, then by `sort`. */
    blockers: z.boolean().optional(),
    sort,
    pageIndex: z.number().int().min(0).max(LIMITS.maxPageIndex).default(0),
    pageSize: z
      .number()
      .int()
      .min(LIMITS.minPageSize)
      .max(LIMITS.maxPageSize)
      .default(LIMITS.defaultPageSize),
  })
  .strict();
export type ListInput = z.input<typeof listInput>;
export type ListQuery = z.output<typeof listInput>;

export const sessionStatus = z.enum(['ACTIVE', 'SLEEP', 'KILLED']);
export type SessionStatus = z.infer<typeof sessionStatus>;

export const session = z.object({
  key: z.string(),
  id: z.string(),
  user: z.string(),
  source: z.string(),
  database: z.string().nullable(),
  command: z.string(),
  timeSeconds: z.number(),
  status: sessionStatus,
  state: z.string().nullable(),
  sqlPreview: z.string().max(LIMITS.sqlPreviewChars).nullable(),
  sqlTruncated: z.boolean(),
  observer: z.string().nullable(),
  /** OceanBase: the observers besides `observer` where the same id stands (4.2.5+ client session ids). */
  otherObservers: z.array(z.string()),
  obproxy: z.string().nullable(),
  proxySessionId: z.string().nullable(),
  traceId: z.string().nullable(),
  sqlId: z.string().nullable(),
  /**
   * The statement digest (docs/api.md) of the current statement, on servers with no SQL ID:
   * computed once per snapshot read by `sessionDigest`; null when the session runs none.
   */
  sqlDigest: z.string().nullable().optional(),
  transactionState: z.string().nullable(),
  protected: z.boolean(),
  /** Why the session is protected, in words a person can read; null when it is not. */
  protectedReason: z.string().nullable(),
  // Sessions and locks (docs/api.md).
  // While the page's `locks.available` is false they are null / [] / 0 for want of a reading.
  /** Age in seconds of the session's open transaction, also while it sleeps; null: none (or unknown). */
  transactionSeconds: z.number().nullable(),
  /** Keys of the listed sessions holding a lock this one waits for. */
  blockedBy: z.array(z.string()),
  /** How many sessions wait on this one, directly or further down the chain (each counted once). */
  blocking: z.number().int(),
});
export type Session = z.infer<typeof session>;

export const visibility = z.enum(['all', 'own-sessions-only']);
export type Visibility = z.infer<typeof visibility>;

/**
 * Whether the page's transactions and lock waits could be read: when not (the account may not read
 * the lock tables, the server has none, the read failed), `reason` says why and the sessions'
 * lock fields are no reading at all, not "no locks".
 */
export const locksAvailability = z.object({ available: z.boolean(), reason: z.string().nullable() });
export type LocksAvailability = z.infer<typeof locksAvailability>;

export const sessionPage = z.object({
  rows: z.array(session),
  total: z.number().int(),
  counts: z.object({ all: z.number().int(), active: z.number().int() }),
  capturedAt: z.string(),
  dialect,
  visibility,
  serverVersion: z.string(),
  /** True when the tenant had more sessions than the sidecar keeps (SESSIONS_SNAPSHOT_MAX): the rest are not listed. */
  truncated: z.boolean(),
  /** Whether transactions and lock waits were read for this page (see locksAvailability). */
  locks: locksAvailability.optional(),
});
export type SessionPage = z.infer<typeof sessionPage>;

export const sqlInput = tenantRef.extend({ sessionKey }).strict();
export type SqlInput = z.infer<typeof sqlInput>;

export const sqlOutput = z.object({
  sessionKey: z.string(),
  sessionId: z.string(),
  /** The full text of the current statement; null when the session runs none (or is gone). */
  sql: z.string().nullable(),
  /** False when the session is no longer there. */
  found: z.boolean(),
  capturedAt: z.string(),
});
export type SqlOutput = z.infer<typeof sqlOutput>;
