import { ERROR_REASONS, type ErrorReason } from '@tenant-sessions/contracts';
import type { Response } from 'express';
import type { SidecarError } from '../errors/sidecarError';

/** An error answered outside tRPC, in the same shape as tRPC's own errors (so one client reads both). */
export const sendError = (
  res: Response,
  httpStatus: number,
  reason: ErrorReason,
  message: string,
  extra: Record<string, unknown> = {},
): void => {
  res.status(httpStatus).json({
    error: { message, code: -32600, data: { code: ERROR_REASONS[reason], httpStatus, reason, ...extra } },
  });
};

/** The one place a SidecarError becomes a plain-HTTP answer (routes outside tRPC: export, health). */
export const sendSidecarError = (res: Response, error: SidecarError): void => {
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  sendError(res, error.httpStatus, error.reason, error.message, {
    ...(Object.keys(error.params).length > 0 ? { params: error.params } : {}),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
  });
};
