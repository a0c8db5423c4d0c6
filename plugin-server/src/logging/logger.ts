import pino, { type DestinationStream, type Logger } from 'pino';

/** Never written to a log: passwords and tokens, wherever a line carries them (pino redact paths). */
export const REDACTED = [
  'password',
  '*.password',
  '*.*.password',
  '*.*.*.password',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'token',
  '*.token',
];

/** The sidecar's structured logger: JSON lines on stdout (or `destination`, e.g. in tests). */
export const createLogger = (level = 'info', destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'tenant-sessions' },
      redact: { paths: REDACTED, remove: true },
    },
    destination,
  );

export type { Logger };
