import type { AuditPage, AuditQuery, AuditRecord, KillKind, KillOutcome } from '@tenant-sessions/contracts';
import type { OwnConnections } from '../connections/own';
import type { SettledOutcome } from './lines';

export type { SettledOutcome };

/** One close attempt as sessions/kill.ts knows it; the trail adds who, where, when and the call. */
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
  code?: string;
  params?: Record<string, string>;
};

/** A record before the sink gives it its id. */
export type NewAuditRecord = Omit<AuditRecord, 'id'>;

/**
 * One line of a write-ahead batch, in the call's order: with an `id` (the caller's UUID), the
 * attempt of a KILL about to be sent (its outcome to come); without, a whole record.
 */
export type AuditIntent = NewAuditRecord & { id?: string };

/** The outcome of an attempt `intend` made durable (the attempt as it was intended, with its id). */
export type Settlement = { attempt: AuditIntent & { id: string }; outcome: SettledOutcome };

/** What the audit found when the sidecar started. */
export type AuditRecovery = {
  /** Attempts without an outcome: the sidecar stopped between a KILL and its answer's record. */
  unfinished: number;
};

/** Where close attempts are kept. Every method rejects when the audit cannot do it. */
export interface AuditSink {
  /** Where it writes, without credentials (for logs and answers). */
  readonly where: string;
  /** The record its own database connections (the table sink's pool) are tracked in, if it has any. */
  readonly own?: OwnConnections;
  /** fsyncs made so far (the file sink), for the bench and the logs. */
  readonly fsyncs?: number;
  /** Resolves once a record could be written now: the folder and file, or the table, are there. */
  ready(): Promise<void>;
  /** Resolves once the whole record is durable (fsync'd, or committed). */
  write(record: NewAuditRecord): Promise<void>;
  /**
   * Resolves once the whole record is written where a crash of the sidecar's process cannot lose
   * it (the file: in the operating system's page cache; the table: committed). Only `flush` makes
   * it survive a crash of the machine.
   */
  append(record: NewAuditRecord): Promise<void>;
  /**
   * Write ahead: resolves once every line of the batch (attempts, and whole records beside them)
   * is durable — one fsync for the file, one committed INSERT for the table. No KILL of the batch may
   * be sent before.
   */
  intend(batch: AuditIntent[]): Promise<void>;
  /**
   * Appends the outcomes of attempts `intend` made durable, all in one write (the file) or one
   * statement (the table); like `append`, not yet fsync'd.
   */
  settle(batch: Settlement[]): Promise<void>;
  /** Resolves once every record and outcome appended before it is durable (the file: one fsync). */
  flush(): Promise<void>;
  /** One tenant's records, newest first; attempts without an outcome as `unknown`. */
  list(query: AuditQuery): Promise<AuditPage>;
  /** Reads the audit once (at start): how many attempts have no outcome. */
  recover(): Promise<AuditRecovery>;
  close(): Promise<void>;
}
