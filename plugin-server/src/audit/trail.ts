import { randomUUID } from 'node:crypto';
import type { KillKind, RecordedFilter, TenantRef } from '@tenant-sessions/contracts';
import { parseSessionKey } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import { codeOf } from '../errors/driver';
import { SidecarError } from '../errors/sidecarError';
import type { AuditSink, KillAttempt, NewAuditRecord, Settlement } from './sink';

/** How a close call hands its attempts to the audit (sessions/kill.ts). */
export type CallRecorder = {
  /**
   * Write ahead: in the call's order, the attempts of the KILLs about to be sent (`send`) and the
   * whole records of keys refused beside them, made durable at once (one fsync, or one commit);
   * resolves with an id per line (used for the attempts). Rejects with AUDIT_UNAVAILABLE: then
   * none of those KILLs may be sent.
   */
  intend: (batch: Array<{ attempt: KillAttempt; send: boolean }>) => Promise<string[]>;
  /**
   * The outcome of an attempt `intend` recorded: kept, and appended with the call's other
   * outcomes in one write by the next `record` or `flush` (rejects with AUDIT_UNAVAILABLE once a
   * write of the call failed).
   */
  settle: (id: string, attempt: KillAttempt) => Promise<void>;
  /** A whole record: an attempt for which nothing was sent (rejects with AUDIT_UNAVAILABLE). */
  record: (attempt: KillAttempt) => Promise<void>;
  /** Makes every record of the call durable; resolves before the call is answered. */
  flush: () => Promise<void>;
};

/** What one close call needs of the audit. */
export type CloseAudit = {
  /** Rejects with AUDIT_UNAVAILABLE when no record could be written now: then no KILL may be sent. */
  ensureWritable: () => Promise<void>;
  recorder: CallRecorder;
  /** True once `intend` was asked: the call's keys have records of their own from then on. */
  readonly intended: boolean;
  /**
   * A call refused before any KILL (rate, tenant unreachable or busy, timeout): one record per key
   * naming the reason, durable; never rejects (a failure is logged).
   */
  refused: (sessionKeys: string[], kind: KillKind, error: unknown) => Promise<void>;
};

const unavailable = (sink: AuditSink, error: unknown, message: string, params: Record<string, string> = {}) =>
  new SidecarError(
    'AUDIT_UNAVAILABLE',
    message,
    { where: sink.where, cause: codeOf(error), ...params },
    { cause: error },
  );

/**
 * The audit of one close call (`callId`: its answer's, on every record). Write ahead: the attempt
 * of each KILL is durable before the KILL is sent (`intend`, once for every KILL of the call);
 * the outcomes are kept as the answers come (`settle`), appended together in one write, and made
 * durable by one `flush` before the answer. A crash of the sidecar at any moment leaves a record
 * of every KILL it sent: an attempt without its outcome reads back as `unknown` (audit/lines.ts).
 */
export const closeAudit = (
  sink: AuditSink,
  {
    operator,
    tenant,
    log,
    callId,
    filter,
  }: {
    operator: string;
    tenant: TenantRef;
    log: Logger;
    callId: string;
    /** A close by filter's filters: on every record of the call. */
    filter?: RecordedFilter | undefined;
  },
): CloseAudit => {
  let intended = false;
  const whole = (attempt: KillAttempt, time = new Date().toISOString()): NewAuditRecord => ({
    time,
    callId,
    operator,
    clusterId: tenant.clusterId,
    tenantId: tenant.tenantId,
    ...attempt,
    ...(filter ? { filter } : {}),
  });
  const logAttempt = (attempt: KillAttempt) =>
    log.info(
      {
        event: 'kill',
        callId,
        operator,
        tenant: `${tenant.clusterId}/${tenant.tenantId}`,
        key: attempt.sessionKey,
        id: attempt.sessionId,
        user: attempt.user,
        source: attempt.source,
        kind: attempt.kind,
        outcome: attempt.outcome,
        message: attempt.message,
      },
      'kill attempt',
    );
  /**
   * Appends go to the sink one after the other, in the order they were asked for: a close call
   * records from several connections at once, and a table sink would otherwise commit them in
   * whatever order its own connections answer.
   */
  let queue: Promise<unknown> = Promise.resolve();
  /** The first write of the call that failed: the writes queued behind it fail at once. */
  let broken: SidecarError | undefined;
  const inTurn = (work: () => Promise<void>): Promise<void> => {
    const done = queue.then(async () => {
      if (broken) throw broken;
      try {
        await work();
      } catch (error) {
        if (error instanceof SidecarError) broken ??= error;
        throw error;
      }
    });
    queue = done.catch(() => undefined);
    return done;
  };
  /** Outcomes `settle` kept (with their attempts, for the log), not yet handed to the sink. */
  let kept: Array<{ attempt: KillAttempt; settlement: Settlement }> = [];
  /** Hands the kept outcomes to the sink, in turn: one write for all of them. */
  const writeKept = (): Promise<void> => {
    if (kept.length === 0) return Promise.resolve();
    // Logged here, off the path between two KILLs of a connection.
    for (const { attempt } of kept) logAttempt(attempt);
    const batch = kept.map(({ settlement }) => settlement);
    kept = [];
    return inTurn(() => sink.settle(batch).catch(failedOutcomes(batch)));
  };
  const failedOutcomes = (batch: Settlement[]) => (error: unknown) => {
    log.error({ err: error, audit: sink.where, callId, outcomes: batch.length }, 'audit write failed');
    throw unavailable(
      sink,
      error,
      `The audit at ${sink.where} could not record the outcomes of ${batch.length} close attempts (${codeOf(error)}): each KILL sent has its attempt recorded, and reads back as unknown`,
      { outcomes: String(batch.length) },
    );
  };
  const failed = (attempt: KillAttempt) => (error: unknown) => {
    log.error({ err: error, audit: sink.where, key: attempt.sessionKey, callId }, 'audit write failed');
    throw unavailable(
      sink,
      error,
      `The audit at ${sink.where} could not record closing session ${attempt.sessionId} (outcome: ${attempt.outcome}; ${codeOf(error)}): no further KILL was started in this call; each KILL sent has its attempt recorded`,
      { sessionId: attempt.sessionId },
    );
  };
  const recorder: CallRecorder = {
    intend: async (batch) => {
      intended = true;
      const time = new Date().toISOString();
      const ids = batch.map(() => randomUUID());
      const lines = batch.map(({ attempt, send }, i) =>
        send ? { ...whole(attempt, time), id: ids[i] } : whole(attempt, time),
      );
      try {
        await sink.intend(lines);
      } catch (error) {
        log.error({ err: error, audit: sink.where, callId }, 'audit write failed: no KILL sent');
        throw unavailable(
          sink,
          error,
          `The audit at ${sink.where} cannot be written (${codeOf(error)}), so nothing was closed: ask the sidecar's administrator`,
        );
      }
      for (const { attempt, send } of batch) if (!send) logAttempt(attempt);
      return ids;
    },
    settle: (id, attempt) => {
      if (broken) return Promise.reject(broken);
      const { outcome, message, code, params } = attempt;
      const time = new Date().toISOString();
      kept.push({
        attempt,
        settlement: {
          attempt: { ...whole(attempt, time), id },
          outcome: { time, outcome, message, code, params },
        },
      });
      return Promise.resolve();
    },
    record: (attempt) => {
      void writeKept().catch(() => undefined);
      return inTurn(async () => {
        logAttempt(attempt);
        await sink.append(whole(attempt)).catch(failed(attempt));
      });
    },
    flush: async () => {
      await writeKept();
      await queue;
      try {
        await sink.flush();
      } catch (error) {
        log.error({ err: error, audit: sink.where, callId }, 'audit flush failed');
        throw unavailable(
          sink,
          error,
          `The audit at ${sink.where} could not make the records of this call's close attempts durable (${codeOf(error)}); the attempts were made: ask the sidecar's administrator`,
        );
      }
    },
  };
  return {
    ensureWritable: async () => {
      try {
        await sink.ready();
      } catch (error) {
        log.error({ err: error, audit: sink.where, callId }, 'audit unavailable: no session closed');
        throw unavailable(
          sink,
          error,
          `The audit at ${sink.where} cannot be written (${codeOf(error)}), so nothing was closed: ask the sidecar's administrator`,
        );
      }
    },
    recorder,
    get intended() {
      return intended;
    },
    refused: async (sessionKeys, kind, error) => {
      const reason = error instanceof SidecarError ? error.reason : 'INTERNAL';
      const why = error instanceof Error ? error.message : String(error);
      const records = sessionKeys.map((sessionKey) => {
        const { id } = parseSessionKey(sessionKey);
        return whole({
          sessionKey,
          sessionId: id,
          user: null,
          source: null,
          database: null,
          sql: null,
          sqlTruncated: false,
          kind,
          outcome: 'error',
          message: `Not sent: the call was refused (${reason}): ${why}`,
          code: 'error.refused',
          params: { id, reason, serverMessage: why },
        });
      });
      try {
        await sink.intend(records);
        log.info({ event: 'kill', callId, reason, keys: sessionKeys.length }, 'close call refused, recorded');
      } catch (failure) {
        log.error(
          { err: failure, audit: sink.where, callId, reason },
          'audit write failed: a refused call is not recorded',
        );
      }
    },
  };
};
