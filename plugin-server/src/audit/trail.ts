import type { TenantRef } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import { failure } from '../trpc/errors';
import type { AuditSink, KillAttempt } from './sink';

/** The error's code (ENOENT, ER_ACCESS_DENIED_ERROR…) for answers; the whole error goes to the log only. */
const codeOf = (error: unknown): string => {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return typeof code === 'string' ? code : typeof errno === 'number' ? `errno ${errno}` : 'unknown error';
};

/** What one close call needs of the audit: a check before any KILL, then one record per attempt. */
export type CloseAudit = {
  /** Rejects with AUDIT_UNAVAILABLE when no record could be written now: then no KILL may be sent. */
  ensureWritable: () => Promise<void>;
  /** Resolves once the attempt is durable; rejects with AUDIT_UNAVAILABLE otherwise. */
  record: (attempt: KillAttempt) => Promise<void>;
};

export const closeAudit = (
  sink: AuditSink,
  { operator, tenant, log }: { operator: string; tenant: TenantRef; log: Logger },
): CloseAudit => ({
  ensureWritable: async () => {
    try {
      await sink.ready();
    } catch (error) {
      log.error({ err: error, audit: sink.where }, 'audit unavailable: no session closed');
      throw failure(
        'AUDIT_UNAVAILABLE',
        `The audit of closes cannot be written (${codeOf(error)}), so nothing was closed: ask the sidecar's administrator`,
      );
    }
  },
  record: async (attempt) => {
    const time = new Date().toISOString();
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
      await sink.write({
        time,
        operator,
        clusterId: tenant.clusterId,
        tenantId: tenant.tenantId,
        ...attempt,
      });
    } catch (error) {
      log.error({ err: error, audit: sink.where, key: attempt.sessionKey }, 'audit write failed');
      throw failure(
        'AUDIT_UNAVAILABLE',
        `The audit could not record closing session ${attempt.sessionId} (outcome: ${attempt.outcome}; ${codeOf(error)}): no session after it in this call was closed`,
      );
    }
  },
});
