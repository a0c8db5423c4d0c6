import { LIMITS } from '@tenant-sessions/contracts';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express, type Request } from 'express';
import type { Logger } from 'pino';
import type { AuditSink } from './audit/sink';
import type { Verifier } from './auth/tokens';
import { DEFAULT_WATCH_LIMITS, type WatchLimits } from './config/settings';
import type { TenantConfig } from './config/tenants';
import { OwnConnections } from './connections/own';
import { cors } from './http/cors';
import { noStore, securityHeaders } from './http/headers';
import { health } from './http/health';
import { bodyLimit } from './http/limits';
import { portalSignin } from './http/signin';
import { DEFAULT_STATIC_DIR, portalStatic } from './http/static';
import { wholeAnswers } from './http/whole';
import { requestLogging } from './logging/requests';
import { httpTimer, metricsEndpoint, nameCalls } from './metrics/http';
import { createMetrics, type Metrics } from './metrics/metrics';
import { createCloseRate } from './rate/closeRate';
import { appRouter } from './router';
import { DEFAULT_FRESH_MS, DEFAULT_MAX_SESSIONS, SnapshotStore } from './snapshots/store';
import { createPageWatch, type PageWatch } from './snapshots/watchPages';
import { TenantRegistry } from './tenants/registry';
import { contextFactory } from './trpc/context';
import { errorDataOf, retryAfterOf } from './trpc/errors';

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
  /** Where close attempts are recorded (main.ts: openAudit(SESSIONS_AUDIT, cwd, own)). */
  audit: AuditSink;
  /** The sidecar's own database connections, shared with the audit (default: the audit's, else the app's own). */
  own?: OwnConnections;
  /** Origins given CORS headers (default: none). */
  allowedOrigins?: ReadonlySet<string>;
  /** Close calls per operator per minute (default 30). */
  closeRatePerMinute?: number;
  /** How long a tenant's processlist snapshot answers later lists (default 1000 ms; 0: each list reads). */
  snapshotFreshMs?: number;
  /** The most sessions a snapshot keeps; beyond, it is cut and flagged `truncated` (default 100,000). */
  snapshotMax?: number;
  /** Bounds and rhythm of live views, sessions.watch (default DEFAULT_WATCH_LIMITS). */
  watch?: Partial<WatchLimits>;
};

export type App = {
  app: Express;
  registry: TenantRegistry;
  audit: AuditSink;
  metrics: Metrics;
  /** The live views (sessions.watch): the stop ends them first. */
  watches: PageWatch;
};

/** The sidecar's HTTP app: request logging, health, the portal, and tRPC at /trpc. */
export const createApp = (options: AppOptions): App => {
  const { logger, verify } = options;
  const registry = new TenantRegistry(options.tenants, {
    log: logger,
    poolIdleMs: options.poolIdleMs ?? 60_000,
    own: options.own ?? options.audit.own ?? new OwnConnections(),
  });
  const { audit } = options;
  const closeRate = createCloseRate(options.closeRatePerMinute ?? 30);
  const metrics = createMetrics();
  const snapshots = new SnapshotStore({
    freshMs: options.snapshotFreshMs ?? DEFAULT_FRESH_MS,
    maxSessions: options.snapshotMax ?? DEFAULT_MAX_SESSIONS,
    metrics,
  });
  const watches = createPageWatch(snapshots, metrics, { ...DEFAULT_WATCH_LIMITS, ...options.watch });
  const createContext = contextFactory(verify, { registry, audit, closeRate, snapshots, watches, metrics });
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // No ETag (a hash of every answer's body): API answers are no-store, and the portal's files get
  // theirs from express.static.
  app.set('etag', false);
  app.use(requestLogging(logger));
  app.use(securityHeaders);
  app.use(cors(options.allowedOrigins ?? new Set()));
  app.use(health(registry));
  app.use(metricsEndpoint(metrics));
  if (options.portalSecret) app.use(portalSignin(options.portalSecret));
  app.use(
    '/trpc',
    httpTimer(metrics),
    noStore,
    bodyLimit,
    wholeAnswers,
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: LIMITS.maxBodyBytes,
      responseMeta: ({ errors }) => {
        const waits = errors.map(retryAfterOf).filter((s): s is number => s !== undefined);
        return waits.length > 0 ? { headers: { 'Retry-After': String(Math.max(...waits)) } } : {};
      },
      createContext: (options) => {
        nameCalls(options.res, options.info.calls);
        return createContext(options);
      },
      onError: ({ error, path, req }) => {
        const log = (req as Request).log ?? logger;
        const { reason } = errorDataOf(error);
        if (error.code === 'INTERNAL_SERVER_ERROR')
          log.error({ err: error, path, reason }, 'procedure failed');
        else log.warn({ path, reason, message: error.message }, 'procedure refused');
      },
    }),
  );
  app.use(portalStatic(options.staticDir ?? DEFAULT_STATIC_DIR));
  return { app, registry, audit, metrics, watches };
};
