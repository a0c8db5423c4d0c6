/**
 * Machine-readable reasons carried in `error.data.reason` of every error the sidecar answers,
 * with the tRPC code each one travels under (docs/api.md, "Errors").
 */
export const ERROR_REASONS = {
  INVALID_INPUT: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  NO_READ: 'FORBIDDEN',
  NO_KILL: 'FORBIDDEN',
  UNKNOWN_TENANT: 'NOT_FOUND',
  TENANT_UNREACHABLE: 'SERVICE_UNAVAILABLE',
  /** The sidecar's own pool of the tenant is full (its connections and its queue): busy, not down. */
  TENANT_BUSY: 'SERVICE_UNAVAILABLE',
  TENANT_TIMEOUT: 'TIMEOUT',
  UNSUPPORTED: 'NOT_IMPLEMENTED',
  AUDIT_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The sidecar is stopping: calls in flight finish, new ones are refused; another replica may answer. */
  STOPPING: 'SERVICE_UNAVAILABLE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorReason = keyof typeof ERROR_REASONS;
export type ErrorCode = (typeof ERROR_REASONS)[ErrorReason];

export const isErrorReason = (value: unknown): value is ErrorReason =>
  typeof value === 'string' && Object.hasOwn(ERROR_REASONS, value);

/** What `error.data` holds besides tRPC's own fields. */
export type SessionsErrorData = {
  code: string;
  httpStatus: number;
  reason: ErrorReason;
  /** zod's issues, for INVALID_INPUT only. */
  issues?: Array<{ path: Array<string | number>; message: string; code: string }>;
  /** What the message names (host:port, a path, a count...), each a string, for clients that translate. */
  params?: Record<string, string>;
  /** Seconds until a retry may succeed (TOO_MANY_REQUESTS, TENANT_BUSY). */
  retryAfterSeconds?: number;
};
