import { ERROR_REASONS, type ErrorReason } from '@tenant-sessions/contracts';
import type { Response } from 'express';

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
