import type { KillMessageCode, KillResult, MessageParams, Session } from '@tenant-sessions/contracts';
import { describeDriverError, errnoOf } from '../errors/driver';

/** What came of one key of a close call: the outcome, its English message, its code and parameters. */
export type Outcome = Pick<KillResult, 'outcome' | 'message'> & {
  code: KillMessageCode;
  params: MessageParams;
};

export const outcome = (
  kind: KillResult['outcome'],
  message: string | null,
  code: KillMessageCode,
  params: MessageParams,
): Outcome => ({ outcome: kind, message, code, params });

/**
 * The outcome of a KILL the server answered with an error: 1094 unknown thread, 1095 not owner
 * (naming `privilege`, what `account` lacks), anything else an error with the server's words.
 * OceanBase answers 1095 also for one of its inner sessions, before any privilege is looked at:
 * `innerUnlessOther` (OceanBase only) is the sidecar's own user there, and a 1095 for a session of
 * that very user (whose owner may always close it) can only be that refusal.
 */
export const outcomeOfError = (
  error: unknown,
  session: Session,
  privilege: string,
  account: string,
  innerUnlessOther?: string,
): Outcome => {
  const errno = errnoOf(error);
  const id = session.id;
  if (errno === 1094)
    return outcome('not_found', `Session ${id} ended before it could be closed`, 'not_found.ended', { id });
  if (errno === 1095 && innerUnlessOther !== undefined && session.user === innerUnlessOther)
    return outcome(
      'denied',
      `Session ${id} is an inner session of the OceanBase server itself, which no account may close`,
      'denied.inner_session',
      { id },
    );
  if (errno === 1095)
    return outcome(
      'denied',
      `The sidecar's account ${account} may not close sessions of other users (this one is ${session.user}'s): grant it ${privilege}`,
      'denied.privilege',
      { id, account, user: session.user, privilege },
    );
  const serverMessage = describeDriverError(error);
  if (errno === 4401 || errno === 4402)
    return outcome(
      'error',
      `OceanBase could not close client session ${id} (error ${errno}, "Kill Client Session failed"): ${serverMessage}`,
      'error.client_session',
      { id, errno: String(errno), serverMessage },
    );
  return outcome('error', `The server refused: ${serverMessage}`, 'error.server', {
    id,
    errno: errno === undefined ? '' : String(errno),
    serverMessage,
  });
};
