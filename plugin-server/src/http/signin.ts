import { LIMITS, right } from '@tenant-sessions/contracts';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { signOperatorToken } from '../auth/tokens';
import { sendError } from './answers';
import { bodyErrors } from './limits';

/** Portal tokens live 15 minutes, like a console session's short-lived token. */
export const PORTAL_TOKEN_SECONDS = 15 * 60;

const signinBody = z
  .object({
    operator: z.string().min(1).max(LIMITS.maxString).default('demo-operator'),
    rights: z
      .array(right)
      .refine(
        (rights) => rights.includes('read') && new Set(rights).size === rights.length,
        'must be ["read"] or ["read", "kill"]',
      )
      .default(['read', 'kill']),
  })
  .strict();

/**
 * The header the portal sends with its sign-in (plugin-ui/portal/auth.ts writes the same name): a
 * page of another origin cannot add it without a CORS preflight, which the sidecar refuses.
 */
export const SIGNIN_HEADER = 'x-portal-signin';

/**
 * A sign-in from the portal itself: an Origin of this very host (the Host header has been checked
 * by hostGuard), or, from a client that sends no Origin (curl, a test), the portal's header.
 * A form or a `text/plain` fetch of another page, which needs no preflight, is refused either way.
 */
const fromThePortal = (req: Request, res: Response, next: NextFunction): void => {
  const origin = req.get('origin');
  if (origin === undefined) {
    if (req.get(SIGNIN_HEADER) === '1') next();
    else
      sendError(
        res,
        403,
        'INVALID_INPUT',
        `The sign-in answers the portal only: send ${SIGNIN_HEADER}: 1 (a browser sends its Origin)`,
      );
    return;
  }
  let sameOrigin = false;
  try {
    const url = new URL(origin);
    sameOrigin = /^https?:$/.test(url.protocol) && url.host === (req.get('host') ?? '').toLowerCase();
  } catch {}
  if (sameOrigin) {
    next();
    return;
  }
  sendError(res, 403, 'INVALID_INPUT', `The sign-in answers the portal only, not a page of ${origin}`, {
    params: { origin },
  });
};

/** The sign-in takes JSON only (a JSON body from another origin needs a preflight, which is refused). */
const jsonOnly = (req: Request, res: Response, next: NextFunction): void => {
  if (req.is('application/json')) {
    next();
    return;
  }
  sendError(
    res,
    415,
    'INVALID_INPUT',
    `The sign-in takes a JSON body (Content-Type: application/json), not ${req.get('content-type') ?? 'none'}`,
  );
};

/** POST /portal/session: the demo portal signs an operator in with the sidecar's own secret. */
export const portalSignin = (secret: Uint8Array): Router => {
  const router = Router();
  router.post(
    '/portal/session',
    fromThePortal,
    jsonOnly,
    express.json({ limit: LIMITS.maxBodyBytes, strict: false }),
    async (req: Request, res: Response) => {
      const parsed = signinBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map(({ path, message, code }) => ({ path, message, code }));
        const where = issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
        return sendError(res, 400, 'INVALID_INPUT', `Invalid sign-in: ${where}`, { issues });
      }
      const { operator, rights } = parsed.data;
      const { token, expiresAt } = await signOperatorToken(secret, {
        operator,
        rights,
        ttlSeconds: PORTAL_TOKEN_SECONDS,
      });
      res.json({ token, operator, expiresAt });
    },
  );
  router.use('/portal', bodyErrors);
  return router;
};
