import { type AuditRecord, auditRecord, type KillOutcome } from '@tenant-sessions/contracts';
import type { NewAuditRecord } from './sink';

/**
 * The lines of the JSON-lines audit, one JSON object each:
 * - a whole record (an attempt and its outcome at once: nothing was sent, or written so by hand);
 * - an attempt (`"phase":"attempt"`, no outcome yet), fsync'd before its KILL is sent;
 * - an outcome: the whole record again with `"settles"`, the id of its attempt, appended once
 *   the KILL was answered (the record as it reads back; the file stays in the order of `time`).
 * An attempt without an outcome reads as `unknown`: the sidecar stopped before the answer.
 */
export type AuditLine =
  | { phase: 'record'; record: AuditRecord; settles?: string }
  | { phase: 'attempt'; record: AuditRecord }
  | { phase: 'foreign' };

/** What an outcome line adds to its attempt. */
export type SettledOutcome = Pick<AuditRecord, 'time' | 'outcome' | 'message' | 'code' | 'params'>;

/** The message of an attempt whose outcome was never written. */
export const STOPPED_MESSAGE =
  'the sidecar stopped before the answer: check whether the session is still there';

/** An attempt as it reads back while its outcome is missing. */
export const unfinished = (attempt: AuditRecord): AuditRecord => ({
  ...attempt,
  outcome: 'unknown' satisfies KillOutcome,
  message: STOPPED_MESSAGE,
  code: 'unknown.stopped',
  params: { id: attempt.sessionId },
});

export const recordLine = (record: NewAuditRecord & { id: string }): string => `${JSON.stringify(record)}\n`;

export const attemptLine = (record: NewAuditRecord & { id: string }): string => {
  const { outcome: _outcome, message: _message, code: _code, params: _params, ...attempt } = record;
  return `${JSON.stringify({ phase: 'attempt', ...attempt })}\n`;
};

/** The outcome of attempt `attempt`: the whole record, with its own id, naming the attempt it settles. */
export const outcomeLine = (id: string, attempt: AuditRecord, outcome: SettledOutcome): string =>
  `${JSON.stringify({ ...attempt, ...outcome, id, settles: attempt.id })}\n`;

const attemptShape = auditRecord.omit({ outcome: true, message: true });

/** One line read back; a torn or foreign line is `foreign` (skipped, never hiding the others). */
export const parseLine = (line: string): AuditLine => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { phase: 'foreign' };
  }
  const phase = (value as { phase?: unknown } | null)?.phase;
  if (phase === 'attempt') {
    const parsed = attemptShape.safeParse(value);
    return parsed.success
      ? { phase: 'attempt', record: { ...parsed.data, outcome: 'unknown', message: null } }
      : { phase: 'foreign' };
  }
  const parsed = auditRecord.safeParse(value);
  if (!parsed.success) return { phase: 'foreign' };
  const settles = (value as { settles?: unknown }).settles;
  return typeof settles === 'string'
    ? { phase: 'record', record: parsed.data, settles }
    : { phase: 'record', record: parsed.data };
};
