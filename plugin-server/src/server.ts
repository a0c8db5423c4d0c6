import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { App } from './app';

export type RunningServer = {
  url: string;
  port: number;
  /**
   * Stops: new calls are answered 503 at once, calls in flight finish (up to `graceMs`, then
   * their connections are closed), then the pools and the audit are closed (each bounded).
   */
  stop: (graceMs?: number) => Promise<void>;
};

/** How long closing the pools, then the audit, may take during a stop. */
const CLOSE_BOUND_MS = 2000;

/** The answer to a call that comes while the sidecar stops (tRPC's error shape). */
const refuseWhileStopping = (res: ServerResponse) => {
  const body = JSON.stringify({
    error: {
      message: 'The sidecar is stopping: retry in a moment (another replica may answer)',
      code: -32603,
      data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
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

/** Listens on host:port (0 for a free port) and knows how to stop gracefully. */
export const listen = async (
  { app, registry, audit }: App,
  host: string,
  port: number,
  log: Logger,
): Promise<RunningServer> => {
  let stopping: Promise<void> | undefined;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const server = createServer((req, res) => {
    if (stopping) return refuseWhileStopping(res);
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (stopping) setImmediate(() => server.closeIdleConnections());
      if (inFlight === 0) idle?.();
    });
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const stop = (graceMs = 10_000) => {
    stopping ??= (async () => {
      log.info({ inFlight }, 'stopping: new calls refused (503), finishing calls in flight');
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
      await within(closed, CLOSE_BOUND_MS);
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
  return { url: `http://${shown}:${bound}`, port: bound, stop };
};
