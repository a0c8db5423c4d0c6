import type { KillResult, Session } from '@tenant-sessions/contracts';
import { describeDriverError, errnoOf } from '../errors/driver';

export type Outcome = Pick<KillResult, 'outcome' | 'message'>;

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
  return { outcome: 'error', message: `The server refused: ${describeDriverError(error)}` };
};
