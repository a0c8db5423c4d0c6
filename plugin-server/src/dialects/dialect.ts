import type { Dialect, KillKind, Session } from '@tenant-sessions/contracts';

/** A processlist row as a dialect's SQL answers it (column names are the dialect's own aliases). */
export type ProcessRow = Record<string, unknown>;

/** What a dialect needs to know about the tenant to turn rows into sessions. */
export type RowContext = {
  /** The tenant's database as host:port (MySQL/MariaDB: every row's observer). */
  address: string;
};

/** A read query: SQL text with `?` for the bound values. */
export type Statement = { sql: string; values: string[] };

/**
 * How one server family lists, reads and kills sessions. A third family (OceanBase) plugs in by
 * implementing this and registering a factory in `dialects/index.ts`.
 */
export interface SessionDialect {
  readonly name: Dialect;
  /** Every visible session, bounded on the server by `timeoutMs` where the server can. */
  listSessions(timeoutMs: number): Statement;
  /** The sessions with these ids (kill's fresh read), same columns as listSessions. */
  sessionsByIds(ids: string[], timeoutMs: number): Statement;
  /** One session's full SQL text, as a row with a column `sql`; null when the key cannot be on this tenant. */
  sqlText(key: { observer: string; id: string }, context: RowContext, timeoutMs: number): Statement | null;
  /** A row of listSessions / sessionsByIds as a Session, not yet marked protected for own connections. */
  toSession(row: ProcessRow, context: RowContext): Session;
  /** Why a session may never be killed from here (system, replication, inner threads), or null. */
  protectedReason(session: Session): string | null;
  /** The KILL statement, with the id as its one `?` parameter. */
  killStatement(kind: KillKind): string;
  /** The privilege an account needs to kill another account's sessions, in the server's own words. */
  readonly killOthersPrivilege: string;
  /** A row `{ sees_all: 0 | 1 }`: whether the account may see every session (PROCESS). */
  readonly visibilitySql: string;
  /** Server errnos meaning "the statement ran past its time limit". */
  readonly timeoutErrnos: ReadonlySet<number>;
}
