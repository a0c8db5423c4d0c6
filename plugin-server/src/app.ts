import { LIMITS } from '@tenant-sessions/contracts';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express, type Request } from 'express';
import type { Logger } from 'pino';
import type { Verifier } from './auth/tokens';
import type { TenantConfig } from './config/tenants';
import { health } from './http/health';
import { bodyLimit } from './http/limits';
import { portalSignin } from './http/signin';
import { DEFAULT_STATIC_DIR, portalStatic } from './http/static';
import { requestLogging } from './logging/requests';
import { appRouter } from './router';
import { TenantRegistry } from './tenants/registry';
import { describeError } from './trpc/errors';
import type { Context } from './trpc/init';

export type AppOptions = {
  tenants: TenantConfig[];
  logger: Logger;
  verify: Verifier;
  /** Close a tenant's pool after this long unused (default 60 s). */
  poolIdleMs?: number;
  /** The built portal (default `<repo>/dist`). */
  staticDir?: string;
  /** When set, POST /portal/session signs operators in with this HS256 secret. */
  portalSecret?: Uint8Array | null;
};

export type App = { app: Express; registry: TenantRegistry };

/** The sidecar's HTTP app: request logging, health, the portal, and tRPC at /trpc. */
export const createApp = (options: AppOptions): App => {
  const { logger, verify } = options;
  const registry = new TenantRegistry(options.tenants, {
    log: logger,
    poolIdleMs: options.poolIdleMs ?? 60_000,
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLogging(logger));
  app.use(health(registry));
  if (options.portalSecret) app.use(portalSignin(options.portalSecret));
  app.use(
    '/trpc',
    bodyLimit,
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: LIMITS.maxBodyBytes,
      createContext: async ({ req }): Promise<Context> => {
        try {
          const operator = await verify(req.get('authorization'));
          req.log = req.log.child({ operator: operator.sub });
          return { operator, authProblem: null, log: req.log, registry };
        } catch (error) {
          return { operator: null, authProblem: (error as Error).message, log: req.log, registry };
        }
      },
      onError: ({ error, path, req }) => {
        const log = (req as Request).log ?? logger;
        const { reason } = describeError(error);
        if (error.code === 'INTERNAL_SERVER_ERROR')
          log.error({ err: error, path, reason }, 'procedure failed');
        else log.warn({ path, reason, message: error.message }, 'procedure refused');
      },
    }),
  );
  app.use(portalStatic(options.staticDir ?? DEFAULT_STATIC_DIR));
  return { app, registry };
};
