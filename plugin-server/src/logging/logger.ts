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

/** How often lines buffered for stdout are written out at the latest. */
export const LOG_FLUSH_MS = 250;

/**
 * Stdout, written asynchronously and in batches: lines are gathered up to 4 KiB (or LOG_FLUSH_MS)
 * and written together, so a busy sidecar makes one write for dozens of request lines instead of
 * one each (a write per line cost about 0.5 ms of every call). pino writes what is still buffered
 * when the process exits; a process killed with SIGKILL loses at most the last LOG_FLUSH_MS of
 * lines. The audit, not this log, is the durable record of closes.
 */
const stdout = (): DestinationStream => {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const flusher = setInterval(() => {
    try {
      destination.flush();
    } catch {
      // Closed at exit: nothing is left to write.
      clearInterval(flusher);
    }
  }, LOG_FLUSH_MS);
  flusher.unref();
  return destination;
};

/** The sidecar's structured logger: JSON lines on stdout (or `destination`, e.g. in tests). */
export const createLogger = (level = 'info', destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'tenant-sessions' },
      redact: { paths: REDACTED, remove: true },
    },
    destination ?? stdout(),
  );

export type { Logger };
