import { z } from 'zod';
import { LIMITS } from './limits';
import { sessionFilters } from './preview';
import { sessionKey } from './sessions';
import { entityId } from './tenants';

export const killInput = z
  .object({
    clusterId: entityId,
    tenantId: entityId,
    sessionKeys: z
      .array(sessionKey)
      .min(1, 'name at least one session')
      .max(LIMITS.maxKillKeys, `at most ${LIMITS.maxKillKeys} sessions per call`)
      .refine((keys) => new Set(keys).size === keys.length, 'each session key at most once'),
    /**
     * What the caller saw of each session, by key. When given and the key now names a session
     * with another user or source, the outcome is `changed` and nothing is sent.
     */
    expected: z
      .record(
        sessionKey,
        z
          .object({ user: z.string().max(LIMITS.maxString), source: z.string().max(LIMITS.maxString) })
          .strict(),
      )
      .optional(),
    /**
     * A close by filter: the filters its preview was asked with (sessions.preview), recorded on
     * every audit record of the call. Only a record: the keys alone decide what is closed.
     */
    filter: sessionFilters.strict().optional(),
  })
  .strict();
export type KillInput = z.input<typeof killInput>;

export const killKind = z.enum(['session', 'query']);
export type KillKind = z.infer<typeof killKind>;

/**
 * `unknown`: the KILL was sent and its answer never came (timeout), or the sidecar stopped before
 * the outcome was recorded: check whether the session is still there.
 */
export const killOutcome = z.enum([
  'killed',
  'not_found',
  'denied',
  'protected',
  'changed',
  'error',
  'unknown',
]);
export type KillOutcome = z.infer<typeof killOutcome>;

export const killResult = z.object({
  sessionKey: z.string(),
  outcome: killOutcome,
  /** The reason a person can act on; null when the kill simply worked. */
  message: z.string().nullable(),
  /** A stable message code (messages.ts) so a client can say it in the operator's language. */
  code: z.string().optional(),
  /** What the message names, each a string. */
  params: z.record(z.string(), z.string()).optional(),
});
export type KillResult = z.infer<typeof killResult>;

export const killReport = z.object({
  /** The call's id: every audit record of the call carries it. */
  callId: z.string().optional(),
  results: z.array(killResult),
});
export type KillReport = z.infer<typeof killReport>;
