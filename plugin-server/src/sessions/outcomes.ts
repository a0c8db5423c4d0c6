import type { KillResult, Session } from '@tenant-sessions/contracts';

export type Outcome = Pick<KillResult, 'outcome' | 'message'>;

type DriverError = { errno?: number; sqlMessage?: string; message?: string };

/** The server's errno of a failed statement, if it answered one. */
export const errnoOf = (error: unknown): number | undefined => (error as DriverError | undefined)?.errno;

/** The driver's words for a failure. */
export const describe = (error: unknown): string => {
  const { sqlMessage, message } = (error ?? {}) as DriverError;
  return sqlMessage ?? message ?? String(error);
};

/**
 * The outcome of a KILL the server answered with an error: 1094 unknown thread, 1095 not owner
 * (naming `privilege`, what `account` lacks), anything else an error with the server's words.
 */
export const outcomeOfError = (
  error: unknown,
  session: Session,
  privilege: string,
  account: string,
): Outcome => {
  const errno = errnoOf(error);
  if (errno === 1094)
    return { outcome: 'not_found', message: `Session ${session.id} ended before it could be closed` };
  if (errno === 1095)
    return {
      outcome: 'denied',
      message: `The sidecar's account ${account} may not close sessions of other users (this one is ${session.user}'s): grant it ${privilege}`,
    };
  return { outcome: 'error', message: `The server refused: ${describe(error)}` };
};
