import pino, { type DestinationStream, type Logger } from 'pino';

/** The sidecar's structured logger: JSON lines on stdout (or `destination`, e.g. in tests). */
export const createLogger = (level = 'info', destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'tenant-sessions' },
      redact: { paths: ['req.headers.authorization', '*.password'], remove: true },
    },
    destination,
  );

export type { Logger };
