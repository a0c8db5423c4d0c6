import type { AuditPage, AuditQuery } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import { SidecarError } from '../errors/sidecarError';
import type { AuditSink } from './sink';

/** audit.list: the sink's page, or AUDIT_UNAVAILABLE (the cause in the log, not in the answer). */
export const listAudit = async (sink: AuditSink, query: AuditQuery, log: Logger): Promise<AuditPage> => {
  try {
    return await sink.list(query);
  } catch (error) {
    log.error({ err: error, audit: sink.where }, 'audit unreadable');
    throw new SidecarError(
      'AUDIT_UNAVAILABLE',
      "The audit of closes cannot be read now: ask the sidecar's administrator",
    );
  }
};
