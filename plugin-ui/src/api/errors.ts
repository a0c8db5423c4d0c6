import { type ErrorReason, isErrorReason } from '@tenant-sessions/contracts';

/** What the parcel tells a person about a failed call. */
export type Problem = {
  reason: ErrorReason | 'NETWORK' | 'UNKNOWN';
  title: string;
  /** The sidecar's own message, which names the address or privilege at fault. */
  detail: string | null;
};

type ErrorLike = {
  message?: unknown;
  data?: { reason?: unknown; httpStatus?: unknown; retryAfterSeconds?: unknown } | null;
};

const TITLES: Partial<Record<Problem['reason'], (tenant: string) => string>> = {
  TENANT_UNREACHABLE: (t) => `Tenant ${t} is unreachable`,
  TENANT_TIMEOUT: (t) => `Tenant ${t} took too long to answer`,
  NO_READ: (t) => `You may not view the sessions of tenant ${t} (your account lacks the read right)`,
  NO_KILL: (t) => `You may not close sessions on tenant ${t} (your account lacks the kill right)`,
  UNAUTHENTICATED: () => 'Your sign-in is missing or has expired: sign in to the console again',
  UNKNOWN_TENANT: (t) => `Tenant ${t} is not known to the session service`,
  TOO_MANY_REQUESTS: () => 'Too many requests: wait a moment and retry',
  INVALID_INPUT: () => 'The session service refused the request as invalid',
  AUDIT_UNAVAILABLE: () => 'The audit log is unavailable, so nothing was closed',
  NETWORK: () => 'The session service does not answer',
};

/** Turns a tRPC client error (or anything thrown) into plain words. */
export function problemOf(error: unknown, tenant: string): Problem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const message = typeof e.message === 'string' && e.message ? e.message : null;
  const raw = e.data?.reason;
  const reason: Problem['reason'] = isErrorReason(raw) ? raw : e.data ? 'UNKNOWN' : 'NETWORK';
  const wait = e.data?.retryAfterSeconds;
  const title =
    reason === 'TOO_MANY_REQUESTS' && typeof wait === 'number'
      ? `Too many closes in a minute: retry in ${wait} s`
      : (TITLES[reason]?.(tenant) ?? 'The session service answered with an error');
  return { reason, title, detail: message };
}
