import {
  type KillKind,
  type KillReport,
  type KillResult,
  parseSessionKey,
  type Session,
} from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import type { SessionDialect } from '../dialects';
import type { TenantConnection, TenantHandle } from '../tenants/handle';
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
};

type DriverError = { errno?: number; sqlMessage?: string; message?: string };

/** How long a closed session may linger in the processlist before the answer is sent anyway. */
const GONE_WAIT_MS = 1500;

/** The outcome of a KILL the server answered with an error: 1094 unknown thread, 1095 not owner. */
const outcomeOfError = (error: unknown, session: Session, dialect: SessionDialect, account: string) => {
  const { errno, sqlMessage, message } = error as DriverError;
  if (errno === 1094)
    return {
      outcome: 'not_found' as const,
      message: `Session ${session.id} ended before it could be closed`,
    };
  if (errno === 1095)
    return {
      outcome: 'denied' as const,
      message: `The sidecar's account ${account} may not close sessions of other users (this one is ${session.user}'s): grant it ${dialect.killOthersPrivilege}`,
    };
  return {
    outcome: 'error' as const,
    message: `The server refused: ${sqlMessage ?? message ?? String(error)}`,
  };
};

/** Why nothing is sent for this key, or null when the KILL may go. */
const refusal = (
  key: string,
  session: Session | undefined,
  request: KillRequest,
): Pick<KillResult, 'outcome' | 'message'> | null => {
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
  while (ids.length > 0 && Date.now() < deadline) {
    const rows = await connection.read(dialect.sessionsByIds(ids, timeoutMs));
    if (rows.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/**
 * sessions.kill / killQuery: a fresh read of the named sessions, refusals (protected, changed,
 * vanished), then one `KILL [QUERY] ?` per session with the id bound, each attempt logged.
 * One session's failure never stops the others.
 */
export const killSessions = (request: KillRequest): Promise<KillReport> => {
  const { handle, sessionKeys, kind, log, operator } = request;
  return handle.withConnection(async (connection) => {
    const { dialect } = connection.probe;
    const timeoutMs = handle.config.statementTimeoutMs;
    const ids = [...new Set(sessionKeys.map((key) => parseSessionKey(key).id))];
    const rows = await connection.read(dialect.sessionsByIds(ids, timeoutMs));
    const fresh = new Map(sessionsOf(handle, dialect, rows, request.ownIds()).map((s) => [s.key, s]));
    const account = `${handle.config.connection.user} on ${handle.address}`;
    const results: KillResult[] = [];
    const closed: string[] = [];
    for (const sessionKey of sessionKeys) {
      const session = fresh.get(sessionKey);
      let result = refusal(sessionKey, session, request);
      if (!result && session) {
        try {
          await connection.execute(dialect.killStatement(kind), [session.id]);
          result = { outcome: 'killed', message: null };
          closed.push(session.id);
        } catch (error) {
          result = outcomeOfError(error, session, dialect, account);
        }
      }
      const outcome = result ?? { outcome: 'error' as const, message: 'nothing was decided' };
      log.info(
        {
          event: 'kill',
          operator,
          tenant: handle.ref,
          key: sessionKey,
          id: parseSessionKey(sessionKey).id,
          user: session?.user ?? null,
          source: session?.source ?? null,
          sql: session?.sqlPreview ?? null,
          kind,
          outcome: outcome.outcome,
          message: outcome.message,
        },
        'kill attempt',
      );
      results.push({ sessionKey, ...outcome });
    }
    if (kind === 'session')
      await waitUntilGone(connection, dialect, closed, timeoutMs).catch(() => undefined);
    return { results };
  });
};
