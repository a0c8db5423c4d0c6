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

/**
 * The sidecar's structured logger: JSON lines on stdout (or `destination`, e.g. in tests).
 * Stdout is written asynchronously (lines logged while a write is under way go out together in
 * the next one), so a slow reader of the logs never blocks the calls; pino writes what is still
 * buffered synchronously when the process exits (main.ts exits after a graceful stop). The audit,
 * not this log, is the durable record of closes.
 */
export const createLogger = (level = 'info', destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'tenant-sessions' },
      redact: { paths: REDACTED, remove: true },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );

export type { Logger };
