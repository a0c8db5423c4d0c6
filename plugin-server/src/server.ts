import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { App } from './app';

export type RunningServer = {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight calls finish (up to `graceMs`), then closes the pools and the audit. */
  stop: (graceMs?: number) => Promise<void>;
};

/** Listens on host:port (0 for a free port) and knows how to stop gracefully. */
export const listen = async (
  { app, registry, audit, watches }: App,
  host: string,
  port: number,
  log: Logger,
): Promise<RunningServer> => {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const bound = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  let stopping: Promise<void> | undefined;
  // Once stopping, a connection whose last call just finished is closed rather than kept alive.
  server.on('request', (_req, res) => {
    res.once('finish', () => {
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });
  const stop = (graceMs = 10_000) => {
    stopping ??= (async () => {
      log.info('stopping: no new connections, finishing calls in flight');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Live views never finish by themselves: each ends now, cleanly (its client sees it complete).
      watches.close();
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      await registry.close();
      await audit.close().catch((error: unknown) => log.warn({ err: error }, 'closing the audit failed'));
      log.info('stopped');
    })();
    return stopping;
  };
  return { url: `http://${shown}:${bound}`, port: bound, stop };
};
