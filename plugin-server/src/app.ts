import { LIMITS } from '@tenant-sessions/contracts';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express, type Request } from 'express';
import type { Logger } from 'pino';
import type { AuditSink } from './audit/sink';
import type { Verifier } from './auth/tokens';
import { DEFAULT_WATCH_LIMITS, type WatchLimits } from './config/settings';
import type { TenantConfig } from './config/tenants';
import { OwnConnections } from './connections/own';
import { batchLimit, MAX_BATCH } from './http/batch';
import { cors } from './http/cors';
import type { DetailAccess } from './http/detail';
import { exportRoutes } from './http/export';
import { errorAnswer, notFound } from './http/fallback';
import { noStore, securityHeaders } from './http/headers';
import { health } from './http/health';
import { hostGuard } from './http/hosts';
import { bodyLimit } from './http/limits';
import { httpTimer, metricsEndpoint, nameCalls } from './http/metrics';
import { portalSignin } from './http/signin';
import { DEFAULT_STATIC_DIR, portalStatic } from './http/static';
import { type WholeOptions, wholeAnswersWith } from './http/whole';
import { requestLogging } from './logging/requests';
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
  /** Sessions named in close calls per operator per minute (default 2,000). */
  closeSessionsPerMinute?: number;
  /** HOST as configured: requests naming it (with the port they came in on) are served. */
  listenHost?: string;
  /** SESSIONS_ALLOWED_HOSTS: other Host names served (http/hosts.ts). */
  allowedHosts?: ReadonlyArray<string>;
  /** SESSIONS_METRICS_HOST: the metrics port's address (requests naming it are served there). */
  metricsHost?: string;
  /** Bounds of the answers kept for slow readers (http/whole.ts; defaults 8 MiB each, 128 MiB in all). */
  answers?: WholeOptions;
  /** How long a tenant's processlist snapshot answers later lists (default 1000 ms; 0: each list reads). */
  snapshotFreshMs?: number;
  /** The most sessions a snapshot keeps; beyond, it is cut and flagged `truncated` (default 100,000). */
  snapshotMax?: number;
  /** Bounds and rhythm of live views, sessions.watch (default DEFAULT_WATCH_LIMITS). */
  watch?: Partial<WatchLimits>;
};

export type App = {
  app: Express;
  /** /healthz, /readyz and /metrics in full, with no token: for the metrics port only (SESSIONS_METRICS_PORT). */
  ops: Express;
  registry: TenantRegistry;
  audit: AuditSink;
  metrics: Metrics;
  /** The live views (sessions.watch): the stop ends them first. */
  watches: PageWatch;
};

/** What every app of the sidecar answers first: its own Host names only, and its security headers. */
const guarded = (logger: Logger, options: AppOptions, listenHost = options.listenHost): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // No ETag (a hash of every answer's body): API answers are no-store, and the portal's files get
  // theirs from express.static.
  app.set('etag', false);
  app.use(requestLogging(logger));
  app.use(hostGuard({ listenHost, allowed: options.allowedHosts }));
  app.use(securityHeaders);
  return app;
};

/** The end of every app: a JSON 404 for what nothing answered, and JSON for any error (no HTML, no stack). */
const closed = (app: Express): Express => {
  app.use(notFound);
  app.use(errorAnswer);
  return app;
};

/**
 * The sidecar's HTTP app: request logging, the Host check, health, the portal, and tRPC at
 * /trpc; and its operations app (the metrics port), which shows every tenant's details.
 */
export const createApp = (options: AppOptions): App => {
  const { logger, verify } = options;
  const registry = new TenantRegistry(options.tenants, {
    log: logger,
    poolIdleMs: options.poolIdleMs ?? 60_000,
    own: options.own ?? options.audit.own ?? new OwnConnections(),
  });
  const { audit } = options;
  const closeRate = createCloseRate(options.closeRatePerMinute ?? 30, options.closeSessionsPerMinute ?? 2000);
  const metrics = createMetrics();
  const snapshots = new SnapshotStore({
    freshMs: options.snapshotFreshMs ?? DEFAULT_FRESH_MS,
    maxSessions: options.snapshotMax ?? DEFAULT_MAX_SESSIONS,
    metrics,
  });
  const watches = createPageWatch(snapshots, metrics, { ...DEFAULT_WATCH_LIMITS, ...options.watch });
  const createContext = contextFactory(verify, { registry, audit, closeRate, snapshots, watches, metrics });
  // Tenants' details (names, addresses, errors) on /readyz and /metrics: to a token that reads them.
  const withToken: DetailAccess = { verify };
  const app = guarded(logger, options);
  app.use(cors(options.allowedOrigins ?? new Set()));
  app.use(health(registry, withToken));
  app.use(metricsEndpoint(metrics, withToken));
  if (options.portalSecret) app.use(portalSignin(options.portalSecret));
  app.use(
    '/trpc',
    httpTimer(metrics),
    noStore,
    bodyLimit,
    batchLimit,
    wholeAnswersWith(options.answers),
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: LIMITS.maxBodyBytes,
      maxBatchSize: MAX_BATCH,
      responseMeta: ({ errors }) => {
        const waits = errors.map(retryAfterOf).filter((s): s is number => s !== undefined);
        // tRPC sets its own Vary (trpc-accept, accept); the answer also varies by Origin (CORS).
        const headers: Record<string, string | string[]> = { vary: ['Origin'] };
        if (waits.length > 0) headers['Retry-After'] = String(Math.max(...waits));
        return { headers };
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
  // CSV exports (docs/api.md, "Export"): the read right, as the lists; timed and never cached.
  app.use('/export', httpTimer(metrics), noStore);
  app.use(exportRoutes({ verify, registry, snapshots }));
  app.use(portalStatic(options.staticDir ?? DEFAULT_STATIC_DIR));
  closed(app);
  const ops = guarded(logger, options, options.metricsHost);
  ops.use(health(registry, 'all'));
  ops.use(metricsEndpoint(metrics, 'all'));
  closed(ops);
  return { app, ops, registry, audit, metrics, watches };
};
