import type { KillKind, KillResult, Session } from '@tenant-sessions/contracts';

export type Tone = 'success' | 'info' | 'warning' | 'error';
export type CloseNotice = { tone: Tone; text: string };

/** The answer of one kill, in plain words (API.md, "Kill"). */
export function noticeOfOutcome(
  kind: KillKind,
  session: Session,
  result: KillResult | undefined,
): CloseNotice {
  const id = session.id;
  const who = `${session.user} from ${session.source}`;
  const act = kind === 'session' ? `close session ${id}` : `stop the current query of session ${id}`;
  const why = result?.message;
  switch (result?.outcome) {
    case 'killed':
      return kind === 'session'
        ? { tone: 'success', text: `Session ${id} (${who}) was closed.` }
        : {
            tone: 'success',
            text: `The current query of session ${id} was stopped; the session stays connected.`,
          };
    case 'not_found':
      return { tone: 'info', text: `Session ${id} was already gone: nothing was closed.` };
    case 'denied':
      return { tone: 'error', text: `The database refused to ${act}: ${why ?? 'a privilege is missing'}.` };
    case 'protected':
      return {
        tone: 'warning',
        text: `Session ${id} is protected and was left alone: ${why ?? session.protectedReason ?? 'it belongs to the system'}.`,
      };
    case 'changed':
      return {
        tone: 'warning',
        text: `Nothing was closed: id ${id} now belongs to another connection (its user or source changed since the list was read). Check the refreshed list.`,
      };
    case 'error':
      return { tone: 'error', text: `Could not ${act}: ${why ?? 'the database answered with an error'}.` };
    default:
      return { tone: 'error', text: `The session service gave no answer for session ${id}.` };
  }
}
