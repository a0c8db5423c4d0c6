import type { NextFunction, Request, Response } from 'express';
import { sendError } from './answers';

type HttpError = Error & { status?: number; statusCode?: number; type?: string; expose?: boolean };

/** What a refused body's error type means, in words a caller can act on. */
const wordsFor = (error: HttpError, req: Request): string => {
  switch (error.type) {
    case 'encoding.unsupported':
      return `The body's Content-Encoding ${JSON.stringify(req.get('content-encoding') ?? '')} is not accepted: send it as is, or gzip, deflate or br`;
    case 'charset.unsupported':
      return `The body's charset is not accepted: ${error.message}; send UTF-8`;
    case 'entity.parse.failed':
      return `The request is not valid JSON: ${error.message}`;
    case 'request.aborted':
      return 'The request was aborted before its body arrived';
    default:
      return `The request body could not be read: ${error.message}`;
  }
};

/** Any route no router answered: 404 in the JSON error shape (never express's HTML page). */
export const notFound = (req: Request, res: Response): void => {
  sendError(res, 404, 'INVALID_INPUT', `Nothing answers ${req.method} ${req.path} here`, {
    params: { method: req.method, path: req.path },
  });
};

/**
 * The last error handler: a request refused by express or a body parser (a bad gzip body, an
 * unknown Content-Encoding, a body too large) answers its 4xx, anything else 500, always in the
 * JSON error shape, never express's HTML page with a stack. The error itself goes to the log.
 */
export const errorAnswer = (error: unknown, req: Request, res: Response, next: NextFunction): void => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const failure = (error ?? {}) as HttpError;
  const status = failure.status ?? failure.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    req.log?.warn({ status, type: failure.type, message: failure.message }, 'request refused');
    if (status === 413) sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 64 KiB');
    else sendError(res, status, 'INVALID_INPUT', wordsFor(failure, req));
    return;
  }
  req.log?.error({ err: error }, 'request failed');
  sendError(res, 500, 'INTERNAL', 'The session service failed on this request; its log has the details');
};
