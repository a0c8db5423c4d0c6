import type { Dialect, KillKind, Session } from '@tenant-sessions/contracts';

/** A processlist row as a dialect's SQL answers it (column names are the dialect's own aliases). */
export type ProcessRow = Record<string, unknown>;

/** What a dialect needs to know about the tenant to turn rows into sessions. */
export type RowContext = {
  /** The tenant's database as host:port (MySQL/MariaDB: every row's observer). */
  address: string;
  /**
   * The tenant's previous read, by session key: a session whose whole statement is the same text
   * as then keeps the digest it had (a snapshot of 50,000 distinct statements is not digested
   * again on every read).
   */
  previous?: ReadonlyMap<string, Session> | undefined;
};

/** A read query: SQL text with `?` for the bound values. */
export type Statement = { sql: string; values: string[] };

/**
 * A KILL as it is sent: `prepared` binds `values` in a server-side prepared statement; `text`
 * sends the SQL as written (OceanBase), its id checked as `^[0-9]{1,20}$` before it got there.
 */
export type KillStatement = Statement & { protocol: 'prepared' | 'text' };

/** Where a session's own server takes SQL directly (OceanBase: SVR_IP:SQL_PORT), by row key. */
export type DirectAddress = { key: string; host: string; port: number };

/**
 * How a server's open transactions and lock waits are read, once per snapshot read: one statement
 * answering rows under the aliases of `LOCK_ROW` (dialects/locks.ts), with the words for what the
 * account needs (`privilege`) and for a server without the tables (`missing`); or why this server
 * has nothing to read (`unavailable`).
 */
export type LockRead =
  | { statement: (timeoutMs: number) => Statement; privilege: string; missing: string }
  | { unavailable: string };

/**
 * How one server family lists, reads and kills sessions. A family plugs in by implementing this
 * and registering a factory in `dialects/index.ts`.
 */
export interface SessionDialect {
  readonly name: Dialect;
  /** Every visible session, bounded on the server by `timeoutMs` where the server can. */
  listSessions(timeoutMs: number): Statement;
  /**
   * The sessions with these ids (kill's fresh read): listSessions' columns, and `info_audit`, the
   * SQL text the audit keeps (AUDIT_SQL_COLUMN).
   */
  sessionsByIds(ids: string[], timeoutMs: number): Statement;
  /**
   * One session's full SQL text, as rows with a column `sql`, the one to answer first; null when
   * the key cannot be on this tenant. Where one session stands on several observers (OceanBase),
   * each row also says in `on_key` (1/0) whether it is the key's own observer's: the session is
   * found only when that one is among them.
   */
  sqlText(key: { observer: string; id: string }, context: RowContext, timeoutMs: number): Statement | null;
  /**
   * Optional (where listSessions gives long statements' hashes, not their texts): the whole SQL
   * texts of these sessions, as WHOLE_SQL_COLUMNS rows, for the digests the hash did not find.
   */
  wholeTexts?(ids: string[], timeoutMs: number): Statement;
  /** A row of listSessions / sessionsByIds as a Session, not yet marked protected for own connections. */
  toSession(row: ProcessRow, context: RowContext): Session;
  /**
   * Optional: the list as one row per session (OceanBase: the same id on several observers is one
   * session). Sessions not named here pass as they are.
   */
  foldSessions?(sessions: Session[]): Session[];
  /** Its open transactions and lock waits, read with each snapshot. */
  readonly locks: LockRead;
  /** Why a session may never be killed from here (system, replication, inner threads), or null. */
  protectedReason(session: Session): string | null;
  /** The KILL for one session id (already validated as a session id by the contract). */
  killStatement(kind: KillKind, id: string): KillStatement;
  /**
   * Optional (OceanBase through OBProxy): where a row's session can be killed on a direct
   * connection when the tenant's own connection answers "unknown thread"; null when not.
   */
  directAddress?(row: ProcessRow): DirectAddress | null;
  /** The privilege an account needs to kill another account's sessions, in the server's own words. */
  readonly killOthersPrivilege: string;
  /** A row `{ sees_all: 0 | 1 }`: whether the account may see every session (PROCESS). */
  readonly visibilitySql: string;
  /** Server errnos meaning "the statement ran past its time limit". */
  readonly timeoutErrnos: ReadonlySet<number>;
}

/** A server this sidecar cannot serve; the message names what was found and what is needed. */
export class UnsupportedServer extends Error {
  override name = 'UnsupportedServer';
}

/** MySQL and MariaDB: `KILL [QUERY] ?` as a prepared statement, the id bound. */
export const boundKill = (kind: KillKind, id: string): KillStatement => ({
  sql: kind === 'query' ? 'KILL QUERY ?' : 'KILL ?',
  values: [id],
  protocol: 'prepared',
});
