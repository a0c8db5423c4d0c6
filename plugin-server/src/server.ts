import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { App } from './app';

export type RunningServer = {
  url: string;
  port: number;
  /** The metrics port's address, when one was asked for (SESSIONS_METRICS_PORT). */
  metricsUrl?: string;
  /** Stops accepting, lets in-flight calls finish (up to `graceMs`), then closes the pools and the audit. */
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

const bind = (app: Express, host: string, port: number, limits: HttpLimits): Promise<Server> =>
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
  const server = await bind(app, host, port, limits);
  const metricsHost = options.metricsHost ?? '127.0.0.1';
  const opsServer =
    options.metricsPort === undefined
      ? undefined
      : await bind(ops, metricsHost, options.metricsPort, limits).catch(async (error: unknown) => {
          await new Promise((resolve) => server.close(resolve));
          throw error;
        });
  const bound = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  // Once stopping, a connection whose last call just finished is closed rather than kept alive.
  server.on('request', (_req, res) => {
    res.once('finish', () => {
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });
  const closeOps = () =>
    opsServer
      ? new Promise<void>((resolve) => {
          opsServer.close(() => resolve());
          opsServer.closeAllConnections();
        })
      : Promise.resolve();
  const stop = (graceMs = 10_000) => {
    stopping ??= (async () => {
      log.info('stopping: no new connections, finishing calls in flight');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Live views never finish by themselves: each ends now, cleanly (its client sees it complete).
      watches.close();
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await Promise.all([closed, closeOps()]);
      clearTimeout(timer);
      await registry.close();
      await audit.close().catch((error: unknown) => log.warn({ err: error }, 'closing the audit failed'));
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
