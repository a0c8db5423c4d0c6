import { LIMITS } from '@tenant-sessions/contracts';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './answers';

/** Refuses a declared body over 64 KiB before reading it (tRPC's maxBodySize catches undeclared ones). */
export const bodyLimit = (req: Request, res: Response, next: NextFunction): void => {
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > LIMITS.maxBodyBytes) {
    res.setHeader('Connection', 'close');
    sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body (${declared} bytes) is larger than 64 KiB`);
    return;
  }
  next();
};

/** express' own body-parser failures (used by /portal) answered like tRPC's. */
export const bodyErrors = (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large')
    sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 64 KiB');
  else if (type === 'entity.parse.failed')
    sendError(res, 400, 'INVALID_INPUT', `The request is not valid JSON: ${(error as Error).message}`);
  else next(error);
};
