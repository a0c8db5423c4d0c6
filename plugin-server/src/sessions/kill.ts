import {
  type KillKind,
  type KillReport,
  type KillResult,
  makeSessionKey,
  parseSessionKey,
  type Session,
} from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import type { AttemptRecorder } from '../audit/sink';
import type { DirectAddress, KillStatement, SessionDialect } from '../dialects';
import type { TenantConnection, TenantHandle } from '../tenants/handle';
import { retryDirect } from './direct';
import { errnoOf, type Outcome, outcomeOfError } from './outcomes';
import { sessionsOf } from './snapshot';

export type KillRequest = {
  handle: TenantHandle;
  sessionKeys: string[];
  kind: KillKind;
  /** What the caller saw of each session; else the tenant's last list snapshot is the reference. */
  expected: Record<string, { user: string; source: string }> | undefined;
  operator: string;
  ownIds: () => Set<string>;
  log: Logger;
  /**
   * Appends one attempt to the audit (audit/trail.ts), rejecting when it cannot; its `flush`
   * makes the call's attempts durable (one fsync for the call) and is awaited before answering.
   */
  record: AttemptRecorder;
};

/** How long a closed session may linger in the processlist before the answer is sent anyway. */
const GONE_WAIT_MS = 1500;
/** The pauses between two looks at the processlist while waiting: 2, 4, 8, 16, 25, 25… ms. */
const GONE_FIRST_PAUSE_MS = 2;
const GONE_MAX_PAUSE_MS = 25;

/** Why nothing is sent for this key, or null when the KILL may go. */
const refusal = (key: string, session: Session | undefined, request: KillRequest): Outcome | null => {
  if (!session)
    return {
      outcome: 'not_found',
      message: `Session ${parseSessionKey(key).id} is not on ${request.handle.address} any more (or not visible to the sidecar's account)`,
    };
  if (session.protected)
    return { outcome: 'protected', message: `Never closed from here: ${session.protectedReason}` };
  const seen = request.expected?.[key] ?? request.handle.lastSeen?.get(key);
  if (seen && (seen.user !== session.user || seen.source !== session.source))
    return {
      outcome: 'changed',
      message: `Session ${session.id} now belongs to ${session.user} from ${session.source}, not ${seen.user} from ${seen.source}: refresh the list`,
    };
  return null;
};

/** Waits (bounded) until closed sessions have left the processlist, so the next list shows it. */
const waitUntilGone = async (
  connection: TenantConnection,
  dialect: SessionDialect,
  ids: string[],
  timeoutMs: number,
) => {
  const deadline = Date.now() + GONE_WAIT_MS;
  // A killed session usually leaves within milliseconds: look again soon, then less often.
  let pause = GONE_FIRST_PAUSE_MS;
  while (ids.length > 0 && Date.now() < deadline) {
    const rows = await connection.read(dialect.sessionsByIds(ids, timeoutMs));
    if (rows.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, GONE_MAX_PAUSE_MS);
  }
};

/** Every key a session answers to: its own, and its id on each other observer it was folded from. */
const byEveryKey = (sessions: Session[]): Map<string, Session> => {
  const map = new Map<string, Session>();
  for (const session of sessions) {
    for (const observer of session.otherObservers) map.set(makeSessionKey(observer, session.id), session);
    map.set(session.key, session);
  }
  return map;
};

type Sender = {
  connection: TenantConnection;
  dialect: SessionDialect;
  request: KillRequest;
  /** Where a row's session can be killed directly (OceanBase through OBProxy), by row key. */
  direct: Map<string, DirectAddress>;
};

/** One KILL for one session; "unknown thread" through OBProxy may be retried on its observer. */
const sendKill = async (
  { connection, dialect, request, direct }: Sender,
  session: Session,
): Promise<Outcome> => {
  const { handle, kind } = request;
  let statement: KillStatement | undefined;
  try {
    statement = dialect.killStatement(kind, session.id);
    await connection.execute(statement);
    return { outcome: 'killed', message: null };
  } catch (error) {
    const target = direct.get(session.key);
    const privilege = dialect.killOthersPrivilege;
    if (errnoOf(error) === 1094 && target && statement)
      return retryDirect({
        config: handle.config,
        proxy: handle.address,
        session,
        target,
        statement,
        privilege,
      });
    return outcomeOfError(error, session, privilege, `${handle.config.connection.user} on ${handle.address}`);
  }
};

/**
 * sessions.kill / killQuery: a fresh read of the named sessions, refusals (protected, changed,
 * vanished), then one KILL per session (a folded session once, whichever of its keys are named),
 * each attempt appended to the audit by `request.record` before the next KILL, and all of them
 * made durable by `request.record.flush` (one fsync, while the closed sessions are awaited)
 * before the answer. One session's failure never stops the others; a record that cannot be
 * written does (the attempts already appended are still flushed before that failure is answered).
 */
export const killSessions = (request: KillRequest): Promise<KillReport> => {
  const { handle, sessionKeys, kind } = request;
  return handle.withConnection(async (connection) => {
    const { dialect } = connection.probe;
    const timeoutMs = handle.config.statementTimeoutMs;
    const ids = [...new Set(sessionKeys.map((key) => parseSessionKey(key).id))];
    const rows = await connection.read(dialect.sessionsByIds(ids, timeoutMs));
    const fresh = byEveryKey(sessionsOf(handle, dialect, rows, request.ownIds()));
    const direct = new Map(
      rows.flatMap((row) => {
        const target = dialect.directAddress?.(row);
        return target ? [[target.key, target] as const] : [];
      }),
    );
    const sender: Sender = { connection, dialect, request, direct };
    const sent = new Map<string, { sessionKey: string; outcome: Outcome }>();
    const results: KillResult[] = [];
    const closed: string[] = [];
    try {
      await sendAll();
    } catch (error) {
      // An append failed (AUDIT_UNAVAILABLE): what was appended before it is still made durable.
      await request.record.flush?.().catch(() => undefined);
      throw error;
    }
    // The fsync of the call's records overlaps the wait for the closed sessions to leave; the
    // answer waits for both, and a failed fsync answers AUDIT_UNAVAILABLE.
    const [flushed] = await Promise.allSettled([
      request.record.flush?.(),
      kind === 'session' ? waitUntilGone(connection, dialect, closed, timeoutMs) : undefined,
    ]);
    if (flushed.status === 'rejected') throw flushed.reason;
    return { results };

    async function sendAll() {
      for (const sessionKey of sessionKeys) {
        const session = fresh.get(sessionKey);
        let outcome = refusal(sessionKey, session, request);
        if (!outcome && session) {
          const earlier = sent.get(session.key);
          if (earlier)
            outcome = {
              outcome: earlier.outcome.outcome,
              message: `The same session as ${earlier.sessionKey}, on another observer: one KILL was sent for both`,
            };
          else {
            outcome = await sendKill(sender, session);
            sent.set(session.key, { sessionKey, outcome });
            if (outcome.outcome === 'killed') closed.push(session.id);
          }
        }
        outcome ??= { outcome: 'error', message: 'nothing was decided' };
        // Appended before the next KILL (durable before the answer); a failed append ends the call.
        await request.record({
          sessionKey,
          sessionId: parseSessionKey(sessionKey).id,
          user: session?.user ?? null,
          source: session?.source ?? null,
          database: session?.database ?? null,
          sql: session?.sqlPreview ?? null,
          sqlTruncated: session?.sqlTruncated ?? false,
          kind,
          outcome: outcome.outcome,
          message: outcome.message,
        });
        results.push({ sessionKey, ...outcome });
      }
    }
  });
};
