import { type KillKind, LIMITS, parseSessionKey, type Session } from '@tenant-sessions/contracts';
import type { KillAttempt } from '../audit/sink';
import type { ProcessRow } from '../dialects';
import { previewOf, text } from '../dialects/rows';
import type { Step } from './plan';

/** The SQL of a session as the audit keeps it. */
export type AuditSql = { sql: string | null; sqlTruncated: boolean };
const NO_SQL: AuditSql = { sql: null, sqlTruncated: false };

/**
 * The SQL each session of kill's fresh read was running, as the audit keeps it (up to
 * auditSqlChars characters, flagged when cut), by the key of the row's session (`sessions[i]`
 * is `rows[i]` mapped, before folding).
 */
export const auditSqlByKey = (rows: ProcessRow[], sessions: Session[]): Map<string, AuditSql> => {
  const byKey = new Map<string, AuditSql>();
  rows.forEach((row, i) => {
    const full = text(row.info_audit);
    const key = sessions[i]?.key;
    if (full === null || key === undefined) return;
    const sql = previewOf(full, LIMITS.auditSqlChars);
    byKey.set(key, { sql, sqlTruncated: sql.length < full.length });
  });
  return byKey;
};

/** One step of a close call as the audit records it: which session, what it was, what came of it. */
export const attemptOf = (step: Step, kind: KillKind, auditSql: Map<string, AuditSql>): KillAttempt => {
  const { sessionKey, session } = step;
  const outcome = step.outcome ?? {
    outcome: 'error',
    message: 'nothing was decided',
    code: undefined,
    params: undefined,
  };
  const sql = session
    ? (auditSql.get(session.key) ?? { sql: session.sqlPreview, sqlTruncated: session.sqlTruncated })
    : NO_SQL;
  return {
    sessionKey,
    sessionId: parseSessionKey(sessionKey).id,
    user: session?.user ?? null,
    source: session?.source ?? null,
    database: session?.database ?? null,
    ...sql,
    kind,
    outcome: outcome.outcome,
    message: outcome.message,
    ...(outcome.code ? { code: outcome.code, params: outcome.params } : {}),
  };
};
