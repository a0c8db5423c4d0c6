import type { NextFunction, Request, Response } from 'express';

const ALLOWED_HEADERS = 'authorization, content-type, x-request-id, trpc-accept, trpc-batch-mode';

/**
 * CORS for the origins in SESSIONS_ALLOWED_ORIGINS only (exact match of scheme://host:port).
 * An allowed origin gets the CORS headers and its preflight a 204; any other origin gets no
 * CORS header at all (its browser then refuses to hand the answer over), and its preflight a 403.
 * Tokens travel in Authorization, never in cookies: no Allow-Credentials.
 */
export const cors =
  (allowedOrigins: ReadonlySet<string>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    res.vary('Origin');
    const allowed = origin !== undefined && allowedOrigins.has(origin);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    }
    if (req.method === 'OPTIONS' && origin !== undefined && req.get('access-control-request-method')) {
      if (!allowed) {
        res.status(403).end();
        return;
      }
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
