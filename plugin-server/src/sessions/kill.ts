import type { KillKind, KillReport, KillResult, Session } from '@tenant-sessions/contracts';
import { parseSessionKey } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import type { CallRecorder } from '../audit/trail';
import type { SessionDialect } from '../dialects';
import { finishSessions, type SeenSessions } from '../snapshots/read';
import type { TenantConnection, TenantHandle } from '../tenants/handle';
import { attemptOf, auditSqlByKey } from './attempt';
import { claimSessions } from './claim';
import { stillRunning, stillRunningKeys } from './lookAgain';
import { outcome } from './outcomes';
import { planClose, type Step, sameSessionOutcome } from './plan';
import { answerSeconds, sendPlan } from './send';

export { KILL_CONCURRENCY } from './send';

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
  /** The call's audit (audit/trail.ts): write ahead, then each outcome, then one flush. */
  record: CallRecorder;
};

/** How long a closed session may linger in the processlist before the answer is sent anyway. */
const GONE_WAIT_MS = 1500;
/** The pauses between two looks at the processlist while waiting: 2, 4, 8, 16, 25, 25… ms. */
const GONE_FIRST_PAUSE_MS = 2;
const GONE_MAX_PAUSE_MS = 25;

/**
 * Waits (bounded) until closed sessions have left the processlist, so the next list shows it.
 * Only a courtesy to the next list: a failure (a server gone quiet) ends the wait, never the call.
 */
const waitUntilGone = async (
  connection: TenantConnection,
  dialect: SessionDialect,
  ids: string[],
  timeoutMs: number,
) => {
  const deadline = Date.now() + GONE_WAIT_MS;
  // A killed session usually leaves within milliseconds: look again soon, then less often.
  let pause = GONE_FIRST_PAUSE_MS;
  while (ids.length > 0 && Date.now() < deadline && !connection.broken()) {
    const rows = await connection.read(dialect.sessionsByIds(ids, timeoutMs)).catch(() => []);
    if (rows.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, GONE_MAX_PAUSE_MS);
  }
};

/**
 * sessions.kill / killQuery: a fresh read of the named sessions, the plan (sessions/plan.ts:
 * refusals, one KILL per session), then write ahead: the attempt of every KILL about to be sent
 * made durable at once (`record.intend`: one fsync, with the refusals beside them), and only
 * then the sending (sessions/send.ts: several connections at once, the OBProxy retry). The
 * outcomes are kept as the answers come (`record.settle`), appended in one write and made durable
 * by `record.flush` (one fsync, while the closed sessions are awaited and their claims released)
 * before the answer. One session's failure never stops the others. An audit that cannot be
 * written answers AUDIT_UNAVAILABLE: before any KILL when the attempts cannot be (nothing is
 * sent), after them when the outcomes cannot be (each KILL sent has its durable attempt, which
 * reads back as unknown; what was appended is still flushed). A KILL whose answer never came is
 * `unknown`; none is started
 * once the statement timeout has passed since the call began. Results come back in the order of
 * `sessionKeys`.
 */
export const killSessions = (request: KillRequest): Promise<KillReport> => {
  const { handle, sessionKeys } = request;
  const began = Date.now();
  return handle.withConnection(async (connection) => {
    const ids = [...new Set(sessionKeys.map((key) => parseSessionKey(key).id))];
    const wait = Math.min(2, handle.config.statementTimeoutMs / 2000);
    const claimed = await claimSessions(connection, connection.probe.dialect, ids, wait);
    let released: Promise<void> | undefined;
    const release = () => {
      released ??= claimed();
      return released;
    };
    try {
      return await closeOn(request, connection, ids, began, release);
    } finally {
      await release();
    }
  });
};

/**
 * The close once its sessions are claimed: the fresh read, the plan, write ahead, the sending;
 * `release` (once the closed sessions are gone) lets the claims go while the records are flushed.
 */
const closeOn = async (
  request: KillRequest,
  connection: TenantConnection,
  ids: string[],
  began: number,
  release: () => Promise<void>,
): Promise<KillReport> => {
  const { handle, sessionKeys, kind, record } = request;
  const { dialect } = connection.probe;
  const timeoutMs = handle.config.statementTimeoutMs;
  const rows = await connection.read(dialect.sessionsByIds(ids, timeoutMs));
  const context = { address: handle.address };
  const read = rows.map((row) => dialect.toSession(row, context));
  const auditSql = auditSqlByKey(rows, read);
  const plan = planClose({
    address: handle.address,
    sessionKeys,
    fresh: finishSessions(dialect, read, request.ownIds()),
    expected: request.expected,
    lastSeen: request.lastSeen,
  });
  const direct = new Map(
    rows.flatMap((row) => {
      const target = dialect.directAddress?.(row);
      return target ? [[target.key, target] as const] : [];
    }),
  );
  const taken = plan.work.map((i) => plan.steps[i] as Step);
  const toSend = taken.filter((step) => !step.outcome && step.session);
  const attempt = (step: Step) => attemptOf(step, kind, auditSql);
  const intents = new Map<Step, string>();
  const intentIds = await record.intend(
    taken.map((step) =>
      step.outcome
        ? { attempt: attempt(step), send: false }
        : { attempt: { ...attempt(step), outcome: 'unknown' as const, message: null }, send: true },
    ),
  );
  for (const [i, step] of taken.entries()) if (!step.outcome) intents.set(step, intentIds[i] as string);
  const settle = (step: Step) => record.settle(intents.get(step) as string, attempt(step));
  // KILL QUERY answered OK is only true once the statement is seen gone: those outcomes wait
  // for the look again (sessions/lookAgain.ts) before they are recorded.
  const answeredOk: Step[] = [];
  const done = (step: Step) => {
    if (kind === 'query' && step.outcome?.outcome === 'killed' && step.session) {
      answeredOk.push(step);
      return Promise.resolve();
    }
    return settle(step);
  };
  const sendWork = plan.work.filter((i) => intents.has(plan.steps[i] as Step));
  let closed: string[] = [];
  let failure: { error: unknown } | undefined;
  try {
    closed = await sendPlan(
      { ...plan, work: sendWork },
      { handle, connection, dialect, kind, direct, done, deadline: began + timeoutMs },
    );
  } catch (error) {
    failure = { error };
  }
  if (answeredOk.length > 0) {
    const running = await stillRunningKeys(
      connection,
      dialect,
      answeredOk.map((step) => step.session as Session),
      { address: handle.address, timeoutMs },
    );
    for (const step of answeredOk) {
      if (running.has((step.session as Session).key)) step.outcome = stillRunning(step.session as Session);
      if (failure) continue;
      await settle(step).catch((error: unknown) => {
        failure ??= { error };
      });
    }
  }
  // What was never sent (the audit failed, the server stopped answering, the time ran out) is
  // said so in the answer, and in the audit unless the audit is what failed (those attempts read
  // back as unknown: check whether the session is still there).
  for (const step of toSend) {
    if (step.outcome) continue;
    const id = step.session?.id ?? '';
    step.outcome = failure
      ? outcome('error', 'Not sent: the audit failed earlier in the call', 'error.not_sent', { id })
      : outcome(
          'error',
          `Not sent: ${handle.address} stopped answering earlier in the call (no answer within ${answerSeconds(timeoutMs)} s)`,
          'error.not_sent_unanswered',
          { id, address: handle.address, seconds: answerSeconds(timeoutMs) },
        );
    if (!failure) await settle(step).catch(() => undefined);
  }
  try {
    if (failure) throw failure.error;
    for (const step of plan.steps) {
      const first = plan.steps[step.sameAs];
      const same = first && sameSessionOutcome(first);
      if (!same) continue;
      step.outcome = same;
      await record.record(attempt(step));
    }
  } catch (error) {
    // An append failed (AUDIT_UNAVAILABLE): what was appended before it is still made durable.
    await record.flush().catch(() => undefined);
    throw error;
  }
  // The fsync of the call's records overlaps the wait for the closed sessions to leave and the
  // release of the claims after it; the answer waits for all, and a failed fsync answers
  // AUDIT_UNAVAILABLE.
  const gone = kind === 'session' ? waitUntilGone(connection, dialect, closed, timeoutMs) : Promise.resolve();
  const [flushed] = await Promise.allSettled([record.flush(), gone.then(release)]);
  if (flushed.status === 'rejected') throw flushed.reason;
  const results: KillResult[] = plan.steps.map(({ sessionKey, outcome: done }) => ({
    sessionKey,
    ...(done ??
      outcome('error', 'nothing was decided', 'error.server', { id: '', errno: '', serverMessage: '' })),
  }));
  return { results };
};
