import type { TenantRef } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import { codeOf } from '../errors/driver';
import { SidecarError } from '../errors/sidecarError';
import type { AttemptRecorder, AuditSink, KillAttempt } from './sink';

/** What one close call needs of the audit: a check before any KILL, then one record per attempt. */
export type CloseAudit = {
  /** Rejects with AUDIT_UNAVAILABLE when no record could be written now: then no KILL may be sent. */
  ensureWritable: () => Promise<void>;
  /**
   * Appends the attempt (rejects with AUDIT_UNAVAILABLE when it cannot: then no further KILL may
   * be started; those already sent are still recorded where possible); `record.flush()` makes
   * every attempt of the call durable, and must resolve before the call is answered (rejects with
   * AUDIT_UNAVAILABLE otherwise).
   */
  record: AttemptRecorder & { flush: () => Promise<void> };
};

/**
 * The audit of one close call. Durability (group commit): each attempt is appended as
 * it completes, before its connection sends another KILL, so a crash of the sidecar's process
 * loses at most the records of the KILLs in flight at that moment (at most KILL_CONCURRENCY,
 * sessions/kill.ts; the file sink: the line is written to the operating system; the MySQL sink:
 * each INSERT is committed). The file is fsync'd once, by `record.flush()`, before the call is
 * answered: a crash of the whole machine before that fsync may lose the records of that call's
 * attempts, and that call was never answered. Before, the fsync came after each record instead.
 */
export const closeAudit = (
  sink: AuditSink,
  { operator, tenant, log }: { operator: string; tenant: TenantRef; log: Logger },
): CloseAudit => {
  let appended = 0;
  /**
   * Appends go to the sink one after the other, in the order they were asked for: a close call
   * records from several connections at once, and a table sink would otherwise commit them in
   * whatever order its own connections answer.
   */
  let queue: Promise<unknown> = Promise.resolve();
  const record = (attempt: KillAttempt): Promise<void> => {
    const time = new Date().toISOString();
    const done = queue.then(() => append(attempt, time));
    queue = done.catch(() => undefined);
    return done;
  };
  const append = async (attempt: KillAttempt, time: string) => {
    log.info(
      {
        event: 'kill',
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
    try {
      await sink.append({
        time,
        operator,
        clusterId: tenant.clusterId,
        tenantId: tenant.tenantId,
        ...attempt,
      });
    } catch (error) {
      log.error({ err: error, audit: sink.where, key: attempt.sessionKey }, 'audit write failed');
      throw new SidecarError(
        'AUDIT_UNAVAILABLE',
        `The audit could not record closing session ${attempt.sessionId} (outcome: ${attempt.outcome}; ${codeOf(error)}): no further KILL was started in this call; those already sent were recorded where possible`,
        { where: sink.where, cause: codeOf(error), sessionId: attempt.sessionId },
      );
    } finally {
      // Even a failed append may have written part of a line: flush covers it too.
      appended += 1;
    }
  };
  const flush = async () => {
    if (appended === 0) return;
    try {
      await sink.flush();
    } catch (error) {
      log.error({ err: error, audit: sink.where }, 'audit flush failed');
      throw new SidecarError(
        'AUDIT_UNAVAILABLE',
        `The audit could not make the records of this call's close attempts durable (${codeOf(error)}); the attempts were made: ask the sidecar's administrator`,
        { where: sink.where, cause: codeOf(error) },
      );
    }
  };
  return {
    ensureWritable: async () => {
      try {
        await sink.ready();
      } catch (error) {
        log.error({ err: error, audit: sink.where }, 'audit unavailable: no session closed');
        throw new SidecarError(
          'AUDIT_UNAVAILABLE',
          `The audit of closes cannot be written (${codeOf(error)}), so nothing was closed: ask the sidecar's administrator`,
          { where: sink.where, cause: codeOf(error) },
        );
      }
    },
    record: Object.assign(record, { flush }),
  };
};
