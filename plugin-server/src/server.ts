import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { App } from './app';

export type RunningServer = {
  url: string;
  port: number;
  /** The metrics port's address, when one was asked for (SESSIONS_METRICS_PORT). */
  metricsUrl?: string;
  /**
   * Stops: new calls are answered 503 at once, calls in flight finish (up to `graceMs`, then
   * their connections are closed), then the pools and the audit are closed (each bounded).
   */
  stop: (graceMs?: number) => Promise<void>;
};

/**
 * The HTTP server's own limits (Node's defaults are 60 s for the headers, 300 s for the request,
 * no cap on connections): a client has 10 s to send its headers and 30 s for its whole request
 * (the time to answer is not counted), an idle kept-alive connection is closed after 5 s, and at
 * most `maxConnections` are open at once (more are closed as they arrive). README, "Hardening".
 */
export const HTTP_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1000,
  /** How often Node looks for connections past the headers and request timeouts (its default: 30 s). */
  checkEveryMs: 1_000,
};

export type HttpLimits = typeof HTTP_LIMITS;

export type ListenOptions = {
  /** SESSIONS_MAX_CONNECTIONS (default 1000). */
  maxConnections?: number;
  /** Other timeouts than HTTP_LIMITS' (tests). */
  limits?: Partial<Omit<HttpLimits, 'maxConnections'>>;
  /** SESSIONS_METRICS_PORT: also serve the operations app (every tenant's details) there. */
  metricsPort?: number;
  /** SESSIONS_METRICS_HOST (default 127.0.0.1). */
  metricsHost?: string;
};

const bind = (
  app: Express | RequestListener,
  host: string,
  port: number,
  limits: HttpLimits,
): Promise<Server> =>
  new Promise((resolve, reject) => {
    const s = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        connectionsCheckingInterval: limits.checkEveryMs,
      },
      app,
    );
    s.keepAliveTimeout = limits.keepAliveTimeoutMs;
    s.maxConnections = limits.maxConnections;
    s.once('error', reject);
    s.listen(port, host, () => {
      s.off('error', reject);
      resolve(s);
    });
  });

const urlOf = (host: string, server: Server) => {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${(server.address() as AddressInfo).port}`;
};

/** How long closing the pools, then the audit, may take during a stop. */
const CLOSE_BOUND_MS = 2000;

/** The answer to a call that comes while the sidecar stops (tRPC's error shape). */
const refuseWhileStopping = (res: ServerResponse) => {
  const body = JSON.stringify({
    error: {
      message: 'The sidecar is stopping: retry in a moment (another replica may answer)',
      code: -32603,
      data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, reason: 'STOPPING' },
    },
  });
  res.writeHead(503, {
    'content-type': 'application/json',
    'retry-after': '1',
    connection: 'close',
    'cache-control': 'no-store',
  });
  res.end(body);
};

/** Resolves when `work` does or after `ms`, whichever comes first (true if it finished). */
const within = (work: Promise<unknown>, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    work.then(
      () => resolve(true),
      () => resolve(true),
    );
  });

/** Listens on host:port (0 for a free port), and the metrics port if asked; knows how to stop gracefully. */
export const listen = async (
  { app, ops, registry, audit, watches }: App,
  host: string,
  port: number,
  log: Logger,
  options: ListenOptions = {},
): Promise<RunningServer> => {
  const limits: HttpLimits = {
    ...HTTP_LIMITS,
    ...options.limits,
    maxConnections: options.maxConnections ?? HTTP_LIMITS.maxConnections,
  };
  let stopping: Promise<void> | undefined;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  // Every call is counted while it runs; once stopping, a new one is answered 503 at once.
  const counted: RequestListener = (req, res) => {
    if (stopping) return refuseWhileStopping(res);
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      // Once stopping, a connection whose last call just finished is closed rather than kept alive.
      if (stopping) setImmediate(() => server.closeIdleConnections());
      if (inFlight === 0) idle?.();
    });
    app(req, res);
  };
  const server = await bind(counted, host, port, limits);
  const metricsHost = options.metricsHost ?? '127.0.0.1';
  const opsServer =
    options.metricsPort === undefined
      ? undefined
      : await bind(ops, metricsHost, options.metricsPort, limits).catch(async (error: unknown) => {
          await new Promise((resolve) => server.close(resolve));
          throw error;
        });
  const bound = (server.address() as AddressInfo).port;
  const closeOps = () =>
    opsServer
      ? new Promise<void>((resolve) => {
          opsServer.close(() => resolve());
          opsServer.closeAllConnections();
        })
      : Promise.resolve();
  const stop = (graceMs = 10_000) => {
    stopping ??= (async () => {
      log.info({ inFlight }, 'stopping: new calls refused (503), finishing calls in flight');
      // Live views never finish by themselves: each ends now, cleanly (its client sees it complete).
      watches.close();
      // Still listening while calls finish: a new call gets a 503 it can act on, not a refused connection.
      server.closeIdleConnections();
      const drained = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve));
      if (!(await within(drained, graceMs)))
        log.warn(
          { inFlight, graceMs },
          'stopping: calls still in flight after the grace: closing their connections',
        );
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await within(Promise.all([closed, closeOps()]), CLOSE_BOUND_MS);
      if (!(await within(registry.close(), CLOSE_BOUND_MS)))
        log.warn('stopping: the tenant pools did not close in time');
      const auditClosed = audit
        .close()
        .catch((error: unknown) => log.warn({ err: error }, 'closing the audit failed'));
      if (!(await within(auditClosed, CLOSE_BOUND_MS)))
        log.warn({ audit: audit.where }, 'stopping: the audit did not close in time');
      log.info('stopped');
    })();
    return stopping;
  };
  return {
    url: urlOf(host, server),
    port: bound,
    ...(opsServer ? { metricsUrl: urlOf(metricsHost, opsServer) } : {}),
    stop,
  };
};
