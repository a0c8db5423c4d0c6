import {
  type KillKind,
  type KillReport,
  type KillResult,
  LIMITS,
  makeSessionKey,
  parseSessionKey,
  type Session,
} from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import type { AttemptRecorder } from '../audit/sink';
import type { DirectAddress, KillStatement, ProcessRow, SessionDialect } from '../dialects';
import { previewOf, text } from '../dialects/rows';
import { errnoOf } from '../errors/driver';
import { finishSessions, type SeenSessions } from '../snapshots/read';
import type { TenantConnection, TenantHandle } from '../tenants/handle';
import { retryDirect } from './direct';
import { type Outcome, outcomeOfError } from './outcomes';

export type KillRequest = {
  handle: TenantHandle;
  sessionKeys: string[];
  kind: KillKind;
  /** What the caller saw of each session; else `lastSeen` is the reference. */
  expected: Record<string, { user: string; source: string }> | undefined;
  /** Who each key was in the tenant's last read (snapshots/store.ts `seen`). */
  lastSeen: SeenSessions | undefined;
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
  const seen = request.expected?.[key] ?? request.lastSeen?.get(key);
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

type AuditSql = { sql: string | null; sqlTruncated: boolean };
const NO_SQL: AuditSql = { sql: null, sqlTruncated: false };
const previewForAudit = (session: Session): AuditSql => ({
  sql: session.sqlPreview,
  sqlTruncated: session.sqlTruncated,
});

/**
 * The SQL each session of kill's fresh read was running, as the audit keeps it (up to
 * auditSqlChars characters, flagged when cut), by the key of the row's session (`sessions[i]`
 * is `rows[i]` mapped, before folding).
 */
const auditSqlByKey = (rows: ProcessRow[], sessions: Session[]) => {
  const byKey = new Map<string, AuditSql>();
  rows.forEach((row, i) => {
    const full = text(row.info_audit);
    const key = sessions[i]?.key;
    if (full === null || key === undefined) return;
    const sql = previewOf(full, LIMITS.auditSqlChars);
    byKey.set(key, { sql, sqlTruncated: sql.length < full.length });
  });
  return byKey;
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

/** At most this many KILLs in flight at once, each on its own pooled connection (and never more than the pool holds). */
export const KILL_CONCURRENCY = 4;

/** One named key of a close call: refused, a KILL of its own, or the same session as an earlier key. */
type Step = {
  sessionKey: string;
  session: Session | undefined;
  outcome: Outcome | undefined;
  sameAs: number;
};

/**
 * sessions.kill / killQuery: a fresh read of the named sessions, refusals (protected, changed,
 * vanished), then one KILL per session (a folded session once, whichever of its keys are named).
 * The KILLs go out over up to KILL_CONCURRENCY pooled connections at once (a KILL is a round trip
 * the server answers at once: a hundred of them one after the other spend most of their time
 * waiting). Each attempt is appended to the audit by `request.record` as soon as its answer is
 * in, before that connection sends another KILL, and all of them are made durable by
 * `request.record.flush` (one fsync, while the closed sessions are awaited) before the answer.
 * One session's failure never stops the others; a record that cannot be written stops every
 * further KILL (those already in flight are still recorded, and what was appended is flushed
 * before that failure is answered). Results come back in the order of `sessionKeys`.
 */
export const killSessions = (request: KillRequest): Promise<KillReport> => {
  const { handle, sessionKeys, kind } = request;
  return handle.withConnection(async (connection) => {
    const { dialect } = connection.probe;
    const timeoutMs = handle.config.statementTimeoutMs;
    const ids = [...new Set(sessionKeys.map((key) => parseSessionKey(key).id))];
    const rows = await connection.read(dialect.sessionsByIds(ids, timeoutMs));
    const context = { address: handle.address };
    const read = rows.map((row) => dialect.toSession(row, context));
    const auditSql = auditSqlByKey(rows, read);
    const fresh = byEveryKey(finishSessions(dialect, read, request.ownIds()));
    const direct = new Map(
      rows.flatMap((row) => {
        const target = dialect.directAddress?.(row);
        return target ? [[target.key, target] as const] : [];
      }),
    );
    // The plan, in the order named: nothing is sent while it is made. `work` holds the steps to
    // take in order (a refusal to record, or a KILL to send and record); a step naming a session
    // already in it is answered and recorded after that session's KILL.
    const firstOf = new Map<string, number>();
    const work: number[] = [];
    let kills = 0;
    const steps: Step[] = sessionKeys.map((sessionKey, index) => {
      const session = fresh.get(sessionKey);
      const step: Step = {
        sessionKey,
        session,
        outcome: refusal(sessionKey, session, request) ?? undefined,
        sameAs: -1,
      };
      const earlier = session && !step.outcome ? firstOf.get(session.key) : undefined;
      if (earlier !== undefined) step.sameAs = earlier;
      else {
        if (session && !step.outcome) {
          firstOf.set(session.key, index);
          kills += 1;
        }
        work.push(index);
      }
      return step;
    });
    const closed: string[] = [];
    const record = (step: Step) => {
      const { sessionKey, session } = step;
      step.outcome ??= { outcome: 'error', message: 'nothing was decided' };
      return request.record({
        sessionKey,
        sessionId: parseSessionKey(sessionKey).id,
        user: session?.user ?? null,
        source: session?.source ?? null,
        database: session?.database ?? null,
        ...(session ? (auditSql.get(session.key) ?? previewForAudit(session)) : NO_SQL),
        kind,
        outcome: step.outcome.outcome,
        message: step.outcome.message,
      });
    };
    let next = 0;
    let stopped: { error: unknown } | undefined;
    /**
     * Takes the next step of the plan until none is left (or the audit failed), on `on`. A helper
     * stops when its connection breaks (its next KILLs would fail at once and be lost to the
     * healthy connections); the call's own connection takes whatever is left.
     */
    const sendFrom = async (on: TenantConnection) => {
      const sender: Sender = { connection: on, dialect, request, direct };
      const helper = on !== connection;
      while (!stopped && next < work.length && !(helper && on.broken())) {
        const step = steps[work[next++] as number] as Step;
        if (!step.outcome && step.session) {
          step.outcome = await sendKill(sender, step.session);
          if (step.outcome.outcome === 'killed') closed.push(step.session.id);
        }
        try {
          await record(step);
        } catch (error) {
          stopped ??= { error };
        }
      }
    };
    const sendAll = async () => {
      // Extra connections only help a call with KILLs to spare, and only those the pool has free
      // right now (never queued behind other calls); one that cannot be had, or breaks, just
      // leaves the work to the others. Each first proves its connection alive with a read, so a
      // stale pooled connection is dropped before any KILL goes out on it (its share goes to the others).
      const extra = Math.min(KILL_CONCURRENCY, handle.config.poolSize, kills) - 1;
      const helpers = Array.from({ length: Math.max(0, extra) }, () => {
        const helper = { started: false, done: Promise.resolve() };
        helper.done = handle
          .withSpareConnection(async (on) => {
            await on.read({ sql: 'SELECT 1', values: [] });
            helper.started = true;
            await sendFrom(on);
          })
          .then(() => undefined);
        return helper;
      });
      await sendFrom(connection);
      // Every KILL is taken: wait for those in flight, never for a connection still to come
      // (it finds nothing left to send and goes back to the pool).
      await Promise.all(helpers.filter((h) => h.started).map((h) => h.done));
      if (stopped) throw stopped.error;
      for (const step of steps) {
        const first = steps[step.sameAs];
        if (!first?.outcome) continue;
        step.outcome = {
          outcome: first.outcome.outcome,
          message: `The same session as ${first.sessionKey}, on another observer: one KILL was sent for both`,
        };
        await record(step);
      }
    };
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
    const results: KillResult[] = steps.map(({ sessionKey, outcome }) => ({
      sessionKey,
      ...(outcome ?? { outcome: 'error', message: 'nothing was decided' }),
    }));
    return { results };
  });
};
