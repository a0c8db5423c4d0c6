import { LIMITS, right } from '@tenant-sessions/contracts';
import express, { type Request, type Response, Router } from 'express';
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

/** POST /portal/session: the demo portal signs an operator in with the sidecar's own secret. */
export const portalSignin = (secret: Uint8Array): Router => {
  const router = Router();
  router.post(
    '/portal/session',
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
