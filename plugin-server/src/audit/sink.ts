import type { AuditPage, AuditQuery, AuditRecord, KillKind, KillOutcome } from '@tenant-sessions/contracts';
import type { OwnConnections } from '../connections/own';

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
  /** The record its own database connections (the table sink's pool) are tracked in, if it has any. */
  readonly own?: OwnConnections;
  /** Resolves once a record could be written now: the folder and file, or the table, are there. */
  ready(): Promise<void>;
  /** Resolves once the record is durable (fsync'd, or committed): `append` then `flush`. */
  write(record: NewAuditRecord): Promise<void>;
  /**
   * Resolves once the record is written where a crash of the sidecar's process cannot lose it
   * (the file: in the operating system's page cache; the table: committed). Not yet fsync'd:
   * only `flush` makes it survive a crash of the machine.
   */
  append(record: NewAuditRecord): Promise<void>;
  /** Resolves once every record appended before it is durable (the file: fsync'd once for all). */
  flush(): Promise<void>;
  /** One tenant's records, newest first. */
  list(query: AuditQuery): Promise<AuditPage>;
  close(): Promise<void>;
}

/**
 * How a close call hands its attempts to the audit (audit/trail.ts): each call appends one
 * attempt, rejecting when it cannot; `flush`, when present, makes every attempt appended so far
 * durable, and must resolve before the call is answered. Without `flush`, each call is durable
 * by itself.
 */
export type AttemptRecorder = ((attempt: KillAttempt) => Promise<void>) & { flush?: () => Promise<void> };
