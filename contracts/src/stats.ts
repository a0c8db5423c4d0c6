import { z } from 'zod';
import { LIMITS } from './limits';
import { locksAvailability, visibility } from './sessions';
import { dialect, tenantRef } from './tenants';

const searchText = z.string().max(LIMITS.maxString, `must be at most ${LIMITS.maxString} characters`);

/**
 * `sessions.stats` input: the tenant, whether to count ACTIVE sessions only, and per grouping an
 * optional search: that table's rows are then those whose value (By SQL: or normalised statement)
 * contains the text, case-insensitively, over every row of the grouping, not only the top ones.
 */
export const statsInput = tenantRef
  .extend({
    activeOnly: z.boolean().default(false),
    search: z
      .object({ user: searchText, source: searchText, database: searchText, sql: searchText })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type StatsInput = z.input<typeof statsInput>;
export type StatsQuery = z.output<typeof statsInput>;

/** One statistics row: the sessions that share a user, a client host, a database or a statement. */
export const sessionGroup = z.object({
  /** The user / the client's host (no port) / the database / the SQL ID or digest; null: none. */
  value: z.string().nullable(),
  total: z.number().int(),
  active: z.number().int(),
  /** The longest-running ACTIVE session of the row, in seconds; null when none is active. */
  maxActiveSeconds: z.number().nullable(),
  /** By SQL only: the normalised statement text, at most 256 characters. */
  sample: z.string().max(LIMITS.sqlPreviewChars).nullable().optional(),
});
export type SessionGroup = z.infer<typeof sessionGroup>;

/** A session others wait on for a lock: who it is, how many wait on it, its transaction's age. */
export const topBlocker = z.object({
  key: z.string(),
  id: z.string(),
  user: z.string(),
  source: z.string(),
  /** Sessions waiting on it, directly or down the chain (the session's `blocking`). */
  blocking: z.number().int(),
  /** Age in seconds of its open transaction; null: none (or unknown). */
  transactionSeconds: z.number().nullable(),
});
export type TopBlocker = z.infer<typeof topBlocker>;

/** What statistics count (docs/api.md, "sessions.stats"); the snapshot's own fields go beside. */
export const sessionCounts = z.object({
  counts: z.object({ all: z.number().int(), active: z.number().int() }),
  /** Over ACTIVE sessions only; null when none is active. */
  longestActiveSeconds: z.number().nullable(),
  /**
   * Lock waits, over every session whatever `activeOnly` (a blocker usually sleeps): how many
   * sessions wait for a lock (a non-empty `blockedBy`), and the sessions most others wait on, at
   * most LIMITS.statsTopBlockers, most blocking first. 0 and [] while `locks.available` is false:
   * then they are no reading.
   */
  waiting: z.number().int(),
  topBlockers: z.array(topBlocker),
  byUser: z.array(sessionGroup),
  bySource: z.array(sessionGroup),
  byDatabase: z.array(sessionGroup),
  bySql: z.array(sessionGroup),
});
export type SessionCounts = z.infer<typeof sessionCounts>;

/**
 * How many rows each grouping has in all (matching its search, when it has one): a table whose
 * answer carries fewer (at most LIMITS.statsTopRows, the top ones) was cut.
 */
export const groupTotals = z.object({
  byUser: z.number().int(),
  bySource: z.number().int(),
  byDatabase: z.number().int(),
  bySql: z.number().int(),
});
export type GroupTotals = z.infer<typeof groupTotals>;

/** `sessions.stats` output: each grouping's top rows, and how many it has. */
export const sessionStats = sessionCounts.extend({
  groupTotals,
  capturedAt: z.string(),
  dialect,
  visibility,
  /** True when the tenant had more sessions than the sidecar keeps: the rest are not counted. */
  truncated: z.boolean(),
  /** Whether the snapshot's lock waits were read (as the list's `locks`): else `waiting` and `topBlockers` are no reading. */
  locks: locksAvailability.optional(),
});
export type SessionStats = z.infer<typeof sessionStats>;
