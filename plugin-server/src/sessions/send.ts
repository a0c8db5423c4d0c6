import type { KillKind, Session } from '@tenant-sessions/contracts';
import type { DirectAddress, KillStatement, SessionDialect } from '../dialects';
import { describeDriverError, errnoOf, isClientTimeout, isFatal } from '../errors/driver';
import type { TenantConnection, TenantHandle } from '../tenants/handle';
import { obUserName, retryDirect } from './direct';
import { type Outcome, outcome, outcomeOfError } from './outcomes';
import type { Plan, Step } from './plan';

/** At most this many KILLs in flight at once, each on its own pooled connection (and never more than the pool holds). */
export const KILL_CONCURRENCY = 4;

export type Sending = {
  handle: TenantHandle;
  /** The call's own connection (the fresh read's). */
  connection: TenantConnection;
  dialect: SessionDialect;
  kind: KillKind;
  /** Where a row's session can be killed directly (OceanBase through OBProxy), by row key. */
  direct: Map<string, DirectAddress>;
  /**
   * Called once per step of the plan's work, in turn, once its KILL (if any) was answered, before
   * that connection takes another step; a rejection stops every further step.
   */
  done: (step: Step) => Promise<void>;
  /** No KILL is started after this time (ms since the epoch): the call answers within its timeout. */
  deadline: number;
};

/** How long the client waits for a statement's answer (tenants/handle.ts), in seconds as said. */
export const answerSeconds = (statementTimeoutMs: number): string =>
  String(Math.round((statementTimeoutMs + Math.min(1000, statementTimeoutMs)) / 100) / 10);

/** One KILL for one session; "unknown thread" through OBProxy may be retried on its observer. */
export const sendKill = async (
  { handle, dialect, kind, direct }: Pick<Sending, 'handle' | 'dialect' | 'kind' | 'direct'>,
  connection: TenantConnection,
  session: Session,
): Promise<Outcome> => {
  let statement: KillStatement | undefined;
  try {
    statement = dialect.killStatement(kind, session.id);
    await connection.execute(statement);
    return outcome('killed', null, 'killed', {});
  } catch (error) {
    const id = session.id;
    // Sent, and no answer: the KILL may have run or may yet run (the connection is destroyed).
    if (isClientTimeout(error)) {
      const seconds = answerSeconds(handle.config.statementTimeoutMs);
      return outcome(
        'unknown',
        `sent; no answer within ${seconds} s: check whether the session is still there`,
        'unknown.no_answer',
        { id, seconds },
      );
    }
    if (isFatal(error) && statement) {
      const serverMessage = describeDriverError(error);
      return outcome(
        'unknown',
        `sent; the connection to ${handle.address} was lost before the answer (${serverMessage}): check whether the session is still there`,
        'unknown.connection_lost',
        { id, address: handle.address, serverMessage },
      );
    }
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
    return outcomeOfError(
      error,
      session,
      privilege,
      `${handle.config.connection.user} on ${handle.address}`,
      dialect.name === 'oceanbase' ? obUserName(handle.config.connection.user) : undefined,
    );
  }
};

/**
 * Takes the plan's work over up to KILL_CONCURRENCY pooled connections at once (a KILL is a round
 * trip the server answers at once: a hundred of them one after the other spend most of their time
 * waiting). Extra connections only help a call with KILLs to spare, and only those the pool has
 * free right now (never queued behind other calls); one that cannot be had, or breaks, just leaves
 * the work to the others. Each first proves its connection alive with a read, so a stale pooled
 * connection is dropped before any KILL goes out on it. A connection that broke (a KILL without
 * an answer destroys it) sends nothing more, nor does any once the deadline has passed: the steps
 * left have no outcome. Resolves with the ids of the sessions killed; rejects with the first
 * failure of `done` (the steps in flight still finish first).
 */
export const sendPlan = async (plan: Plan, sending: Sending): Promise<string[]> => {
  const { handle, connection, done } = sending;
  const { steps, work, kills } = plan;
  const closed: string[] = [];
  let next = 0;
  let stopped: { error: unknown } | undefined;
  /**
   * Takes the next step until none is left (or `done` failed, or the deadline passed), on `on`.
   * A connection stops when it breaks (its next KILLs would fail at once, or wait on a frozen
   * server): the healthy ones take whatever is left.
   */
  const sendFrom = async (on: TenantConnection) => {
    while (!stopped && next < work.length && !on.broken() && Date.now() < sending.deadline) {
      const step = steps[work[next++] as number] as Step;
      if (!step.outcome && step.session) {
        step.outcome = await sendKill(sending, on, step.session);
        if (step.outcome.outcome === 'killed') closed.push(step.session.id);
      }
      try {
        await done(step);
      } catch (error) {
        stopped ??= { error };
      }
    }
  };
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
  // Every step is taken: wait for those in flight, never for a connection still to come (it
  // finds nothing left to send and goes back to the pool).
  await Promise.all(helpers.filter((h) => h.started).map((h) => h.done));
  if (stopped) throw stopped.error;
  return closed;
};
