import { ERROR_REASONS, type ErrorReason, isErrorReason } from '@tenant-sessions/contracts';
import { TRPCError } from '@trpc/server';

/** Carries a reason of the contract on a TRPCError, so the formatter can put it in `error.data.reason`. */
class ReasonCause extends Error {
  constructor(
    readonly reason: ErrorReason,
    readonly original?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(reason);
  }
}

/** A TRPCError whose code follows from the reason (contracts' ERROR_REASONS). */
export const failure = (reason: ErrorReason, message: string, original?: unknown): TRPCError =>
  new TRPCError({ code: ERROR_REASONS[reason], message, cause: new ReasonCause(reason, original) });

/** TOO_MANY_REQUESTS, saying when a retry may succeed (error.data.retryAfterSeconds, Retry-After). */
export const tooManyRequests = (message: string, retryAfterSeconds: number): TRPCError =>
  new TRPCError({
    code: ERROR_REASONS.TOO_MANY_REQUESTS,
    message,
    cause: new ReasonCause('TOO_MANY_REQUESTS', undefined, retryAfterSeconds),
  });

/** The seconds to wait an error carries, if any. */
export const retryAfterOf = (error: TRPCError): number | undefined =>
  error.cause instanceof ReasonCause ? error.cause.retryAfterSeconds : undefined;

type Issue = { path: Array<string | number>; message: string; code: string };

const issuesOf = (cause: unknown): Issue[] | undefined => {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  return issues.map((issue: { path?: PropertyKey[]; message?: string; code?: string }) => ({
    path: (issue.path ?? []).map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message ?? 'invalid',
    code: issue.code ?? 'invalid',
  }));
};

const FALLBACK: Partial<Record<TRPCError['code'], ErrorReason>> = {
  BAD_REQUEST: 'INVALID_INPUT',
  PARSE_ERROR: 'INVALID_INPUT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  NOT_FOUND: 'INVALID_INPUT',
  METHOD_NOT_SUPPORTED: 'INVALID_INPUT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
};

/** What the error formatter adds to `error.data`: the reason, and zod's issues for bad input. */
export const describeError = (
  error: TRPCError,
): { reason: ErrorReason; issues?: Issue[]; message?: string; retryAfterSeconds?: number } => {
  const cause = error.cause;
  if (cause instanceof ReasonCause)
    return cause.retryAfterSeconds === undefined
      ? { reason: cause.reason }
      : { reason: cause.reason, retryAfterSeconds: cause.retryAfterSeconds };
  const issues = issuesOf(cause);
  if (issues) {
    const where = issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { reason: 'INVALID_INPUT', issues, message: `Invalid input: ${where}` };
  }
  if (error.code === 'PAYLOAD_TOO_LARGE')
    return { reason: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 64 KiB' };
  if (error.code === 'PARSE_ERROR' || (error.code === 'BAD_REQUEST' && cause instanceof SyntaxError))
    return { reason: 'INVALID_INPUT', message: `The request is not valid JSON: ${error.message}` };
  const reason = FALLBACK[error.code];
  if (reason && isErrorReason(reason)) return { reason };
  // An unexpected failure: its text (a driver's error, a stack) stays in the log, never in the answer.
  return { reason: 'INTERNAL', message: 'The session service failed on this call; its log has the details' };
};
