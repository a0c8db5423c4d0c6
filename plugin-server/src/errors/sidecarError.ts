import { ERROR_REASONS, type ErrorReason } from '@tenant-sessions/contracts';

/**
 * The sidecar's own error: a reason of the contract, the English message a person can act on, and
 * what that message names (so a client can say it in the operator's language). Thrown by tenants,
 * audit, auth and dialects, which know nothing of the transport; trpc/errors.ts turns it into a
 * tRPC error and http/errors.ts into the plain-HTTP JSON answer (docs/api.md, "Errors").
 */
export class SidecarError extends Error {
  override name = 'SidecarError';

  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly params: Record<string, string> = {},
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = ERROR_REASONS[reason];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The contract's code for the reason (contracts' ERROR_REASONS): what kind of failure it is. */
  readonly code: (typeof ERROR_REASONS)[ErrorReason];

  /** Seconds until a retry may succeed (TOO_MANY_REQUESTS, TENANT_BUSY), if known. */
  readonly retryAfterSeconds: number | undefined;

  /** The HTTP status the reason travels with. */
  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/** tRPC's codes as HTTP statuses (the same table tRPC uses). */
export const HTTP_STATUS: Record<(typeof ERROR_REASONS)[ErrorReason], number> = {
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 408,
  NOT_IMPLEMENTED: 501,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

export const isSidecarError = (error: unknown): error is SidecarError => error instanceof SidecarError;
