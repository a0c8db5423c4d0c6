import { LIMITS } from '@tenant-sessions/contracts';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './answers';

/** The most procedures one /trpc request may call (the parcel batches two or three, and splits more). */
export const MAX_BATCH = LIMITS.maxBatch;

/**
 * Refuses a tRPC batch of more than MAX_BATCH procedures before any of them runs, saying how many
 * it named and how many are allowed (tRPC's own maxBatchSize stays behind it, with a bare message).
 * The batch is read as tRPC reads it: `batch=1` in the query, procedures the decoded path's parts.
 */
export const batchLimit = (req: Request, res: Response, next: NextFunction): void => {
  const url = new URL(req.originalUrl, 'http://sidecar');
  if (url.searchParams.get('batch') !== '1') {
    next();
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(req.path.replace(/^\//, ''));
  } catch {
    next();
    return;
  }
  const count = path.split(',').length;
  if (count <= MAX_BATCH) {
    next();
    return;
  }
  sendError(
    res,
    400,
    'INVALID_INPUT',
    `A batch may call at most ${MAX_BATCH} procedures, and this one calls ${count}: send them in several requests`,
    { params: { procedures: String(count), max: String(MAX_BATCH) } },
  );
};
