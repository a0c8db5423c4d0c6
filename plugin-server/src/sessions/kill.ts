import type { KillKind, KillReport, KillResult } from '@tenant-sessions/contracts';
import { parseSessionKey } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import type { AttemptRecorder } from '../audit/sink';
import type { SessionDialect } from '../dialects';
import type { TenantConnection, TenantHandle } from '../tenants/handle';
import { attemptOf, auditSqlByKey } from './attempt';
import { planClose, type Step, sameSessionOutcome } from './plan';
import { sendPlan } from './send';
import { finishSessions } from './snapshot';

export { KILL_CONCURRENCY } from './send';

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

/**
 * sessions.kill / killQuery: a fresh read of the named sessions, the plan (sessions/plan.ts:
 * refusals, one KILL per session), the sending (sessions/send.ts: several connections at once,
 * the OBProxy retry), each attempt handed to `request.record` as soon as its answer is in, before
 * that connection sends another KILL, and all of them made durable by `request.record.flush`
 * (one fsync, while the closed sessions are awaited) before the answer. One session's failure
 * never stops the others; a record that cannot be written stops every further KILL (those
 * already in flight are still recorded, and what was appended is flushed before that failure is
 * answered). Results come back in the order of `sessionKeys`.
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
    const plan = planClose({
      address: handle.address,
      sessionKeys,
      fresh: finishSessions(dialect, read, request.ownIds()),
      expected: request.expected,
      lastSeen: handle.lastSeen,
    });
    const direct = new Map(
      rows.flatMap((row) => {
        const target = dialect.directAddress?.(row);
        return target ? [[target.key, target] as const] : [];
      }),
    );
    const record = (step: Step) => {
      step.outcome ??= { outcome: 'error', message: 'nothing was decided' };
      return request.record(attemptOf(step, kind, auditSql));
    };
    let closed: string[];
    try {
      closed = await sendPlan(plan, { handle, connection, dialect, kind, direct, done: record });
      for (const step of plan.steps) {
        const first = plan.steps[step.sameAs];
        const same = first && sameSessionOutcome(first);
        if (!same) continue;
        step.outcome = same;
        await record(step);
      }
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
    const results: KillResult[] = plan.steps.map(({ sessionKey, outcome }) => ({
      sessionKey,
      ...(outcome ?? { outcome: 'error', message: 'nothing was decided' }),
    }));
    return { results };
  });
};
