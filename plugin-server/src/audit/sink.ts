import type { AuditPage, AuditQuery, AuditRecord, KillKind, KillOutcome } from '@tenant-sessions/contracts';

/** One close attempt as sessions/kill.ts knows it; the trail adds who, where and when. */
export type KillAttempt = {
  sessionKey: string;
  sessionId: string;
  user: string | null;
  source: string | null;
  database: string | null;
  sql: string | null;
  sqlTruncated: boolean;
  kind: KillKind;
  outcome: KillOutcome;
  message: string | null;
};

/** A record before the sink gives it its id. */
export type NewAuditRecord = Omit<AuditRecord, 'id'>;

/** Where close attempts are kept. Every method rejects when the audit cannot do it. */
export interface AuditSink {
  /** Where it writes, without credentials (for logs and answers). */
  readonly where: string;
  /** Resolves once a record could be written now: the folder and file, or the table, are there. */
  ready(): Promise<void>;
  /** Resolves once the record is durable (fsync'd, or committed). */
  write(record: NewAuditRecord): Promise<void>;
  /** One tenant's records, newest first. */
  list(query: AuditQuery): Promise<AuditPage>;
  close(): Promise<void>;
}
