import { z } from 'zod';
import { LIMITS } from './limits';
import { visibility } from './sessions';
import { dialect, tenantRef } from './tenants';

/** `sessions.stats` input: the tenant, and whether to count ACTIVE sessions only. */
export const statsInput = tenantRef.extend({ activeOnly: z.boolean().default(false) }).strict();
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

/** What statistics count (docs/api.md, "sessions.stats"); the snapshot's own fields go beside. */
export const sessionCounts = z.object({
  counts: z.object({ all: z.number().int(), active: z.number().int() }),
  /** Over ACTIVE sessions only; null when none is active. */
  longestActiveSeconds: z.number().nullable(),
  byUser: z.array(sessionGroup),
  bySource: z.array(sessionGroup),
  byDatabase: z.array(sessionGroup),
  bySql: z.array(sessionGroup),
});
export type SessionCounts = z.infer<typeof sessionCounts>;

/** `sessions.stats` output. */
export const sessionStats = sessionCounts.extend({
  capturedAt: z.string(),
  dialect,
  visibility,
  /** True when the tenant had more sessions than the sidecar keeps: the rest are not counted. */
  truncated: z.boolean(),
});
export type SessionStats = z.infer<typeof sessionStats>;
