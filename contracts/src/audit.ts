import { z } from 'zod';
import { killKind, killOutcome } from './kill';
import { LIMITS } from './limits';
import { sessionFilters } from './preview';
import { entityId } from './tenants';

/**
 * One close attempt as the audit keeps it: who, where, which session, what it was running, what
 * was asked and what came of it (README, "The audit"). An attempt whose outcome never came reads
 * as `unknown`. `sql` is the statement the fresh read made just
 * before the KILL found running (at most LIMITS.auditSqlChars characters; `sqlTruncated` says
 * when cut).
 */
export const auditRecord = z.object({
  /** Unique within the audit: a UUID (file sink) or the table's row number (MySQL sink). */
  id: z.string(),
  /** ISO time the outcome was known (the attempt's while it is `unknown`). */
  time: z.string(),
  /** The close call the attempt belongs to (its KillReport's `callId`); absent in older records. */
  callId: z.string().optional(),
  /** The token's `sub`. */
  operator: z.string(),
  clusterId: z.string(),
  tenantId: z.string(),
  sessionKey: z.string(),
  sessionId: z.string(),
  /** Null when the session was not found in the fresh read. */
  user: z.string().nullable(),
  source: z.string().nullable(),
  database: z.string().nullable(),
  sql: z.string().nullable(),
  sqlTruncated: z.boolean(),
  kind: killKind,
  outcome: killOutcome,
  message: z.string().nullable(),
  /** The message's stable code and what it names (messages.ts), as in the call's answer. */
  code: z.string().optional(),
  params: z.record(z.string(), z.string()).optional(),
  /** A close by filter: the filters its preview was asked with (KillInput's `filter`). */
  filter: sessionFilters.optional(),
});
export type AuditRecord = z.infer<typeof auditRecord>;

export const AUDIT_LIMITS = { defaultPageSize: 20, maxPageSize: 200 } as const;

/** audit.list: one tenant's records, newest first, optionally one operator's or one outcome's. */
export const auditListInput = z
  .object({
    clusterId: entityId,
    tenantId: entityId,
    operator: z
      .string()
      .min(1, 'must not be empty')
      .max(LIMITS.maxString, `must be at most ${LIMITS.maxString} characters`)
      .optional(),
    outcome: killOutcome.optional(),
    pageIndex: z.number().int().min(0).max(LIMITS.maxPageIndex).default(0),
    pageSize: z.number().int().min(1).max(AUDIT_LIMITS.maxPageSize).default(AUDIT_LIMITS.defaultPageSize),
  })
  .strict();
export type AuditListInput = z.input<typeof auditListInput>;
export type AuditQuery = z.output<typeof auditListInput>;

export const auditPage = z.object({
  rows: z.array(auditRecord),
  /** Records matching the filters, all pages together. */
  total: z.number().int().min(0),
});
export type AuditPage = z.infer<typeof auditPage>;
