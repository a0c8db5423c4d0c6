import { ERROR_REASONS, type ErrorReason, isErrorReason } from '@tenant-sessions/contracts';
import { TRPCError } from '@trpc/server';
import { SidecarError } from '../errors/sidecarError';

/**
 * The one place a SidecarError becomes a tRPC error: its code follows from the reason (contracts'
 * ERROR_REASONS) and the SidecarError rides along as the cause, so the formatter can put the
 * reason and parameters in `error.data`.
 */
export const toTRPCError = (error: SidecarError): TRPCError =>
  new TRPCError({ code: ERROR_REASONS[error.reason], message: error.message, cause: error });

/** The seconds to wait an error carries, if any. */
export const retryAfterOf = (error: TRPCError): number | undefined =>
  error.cause instanceof SidecarError ? error.cause.retryAfterSeconds : undefined;

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

/** What the error formatter adds to `error.data`. */
export type ErrorData = {
  reason: ErrorReason;
  issues?: Issue[];
  message?: string;
  params?: Record<string, string>;
  retryAfterSeconds?: number;
};

/** What the error formatter puts in `error.data`: the reason, its parameters, zod's issues for bad input. */
export const errorDataOf = (error: TRPCError): ErrorData => {
  const cause = error.cause;
  if (cause instanceof SidecarError)
    return {
      reason: cause.reason,
      ...(Object.keys(cause.params).length > 0 ? { params: cause.params } : {}),
      ...(cause.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: cause.retryAfterSeconds }),
    };
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
