import type { NextFunction, Request, Response } from 'express';

/**
 * Security headers on every answer. Framing: the parcel is mounted by the host console's page,
 * not framed, so no page here may be framed by another origin (the portal is same-origin).
 */
export const securityHeaders = (_req: Request, res: Response, next: NextFunction): void => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
  next();
};

/** API answers (sessions, SQL text, tokens' rights) are never kept by a cache. */
export const noStore = (_req: Request, res: Response, next: NextFunction): void => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
