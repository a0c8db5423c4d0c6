import { type ErrorReason, isErrorReason } from '@tenant-sessions/contracts';
import type { MessageKey, Translate } from '../i18n/messages';

/** What the parcel tells a person about a failed call. */
export type Problem = {
  reason: ErrorReason | 'NETWORK' | 'UNKNOWN';
  /** In the operator's language, from the reason. */
  title: string;
  /** The sidecar's own (English) message, which names the address or privilege at fault. */
  detail: string | null;
};

type ErrorLike = {
  message?: unknown;
  data?: { reason?: unknown; httpStatus?: unknown; retryAfterSeconds?: unknown } | null;
};

/** The reasons with a title of their own; any other reads `error.other`. */
const TITLES = {
  TENANT_UNREACHABLE: 'error.TENANT_UNREACHABLE',
  TENANT_TIMEOUT: 'error.TENANT_TIMEOUT',
  NO_READ: 'error.NO_READ',
  NO_KILL: 'error.NO_KILL',
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  UNKNOWN_TENANT: 'error.UNKNOWN_TENANT',
  TOO_MANY_REQUESTS: 'error.TOO_MANY_REQUESTS',
  INVALID_INPUT: 'error.INVALID_INPUT',
  AUDIT_UNAVAILABLE: 'error.AUDIT_UNAVAILABLE',
  TENANT_BUSY: 'error.TENANT_BUSY',
  STOPPING: 'error.STOPPING',
  NETWORK: 'error.NETWORK',
} as const satisfies Partial<Record<Problem['reason'], MessageKey>>;
const titleOf = (reason: Problem['reason']) =>
  (TITLES as Partial<Record<Problem['reason'], (typeof TITLES)[keyof typeof TITLES]>>)[reason] ??
  'error.other';

/** Turns a tRPC client error (or anything thrown) into plain words, titled by its `data.reason`. */
export function problemOf(error: unknown, tenant: string, t: Translate): Problem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const message = typeof e.message === 'string' && e.message ? e.message : null;
  const raw = e.data?.reason;
  const reason: Problem['reason'] = isErrorReason(raw) ? raw : e.data ? 'UNKNOWN' : 'NETWORK';
  const wait = e.data?.retryAfterSeconds;
  const title =
    reason === 'TOO_MANY_REQUESTS' && typeof wait === 'number'
      ? t('error.tooManyCloses', { seconds: wait })
      : t(titleOf(reason), { tenant });
  return { reason, title, detail: message };
}

/** "title: detail", punctuated for the language. */
export const sayProblem = (problem: Problem, t: Translate): string =>
  problem.detail ? t('problem.withDetail', { title: problem.title, detail: problem.detail }) : problem.title;
