import {
  type Dialect,
  type LocksAvailability,
  type Session,
  sessionDigest,
  type Visibility,
} from '@tenant-sessions/contracts';
import type { ProcessRow, SessionDialect } from '../dialects';
import { completeDigests, digestPending } from '../dialects/rows';
import type { TenantConnection, TenantHandle } from '../tenants/handle';
import { applyLocks, LOCKS_READ, lockGraphOf, locksFailure } from './locks';

/** Every visible session of a tenant at one moment. */
export type Snapshot = {
  sessions: Session[];
  capturedAt: string;
  dialect: Dialect;
  visibility: Visibility;
  serverVersion: string;
  /** Whether the sessions' transactions and lock waits were read, and why not (always set by readSnapshot). */
  locks?: LocksAvailability;
};

/**
 * Who each key was in the last read of a tenant, by key: the reference of the stale-id guard (a
 * close whose caller sent no `expected` is compared with it) and of string sharing.
 */
export type SeenSessions = Map<string, Pick<Session, 'user' | 'source'>>;

/** A read's sessions by key, whole (the next read shares their strings and unchanged digests). */
export type LastRead = Map<string, Session>;

/** A read and who each of its keys was. */
export type Read = { snapshot: Snapshot; seen: LastRead };

/** The sidecar's own connections first, then the dialect's system-thread rules. */
export const withProtection = (dialect: SessionDialect, session: Session, ownIds: Set<string>): Session => {
  const reason = ownIds.has(session.id)
    ? "one of this sidecar's own connections"
    : dialect.protectedReason(session);
  return reason === null ? session : { ...session, protected: true, protectedReason: reason };
};

/** Who each key was: the sessions themselves by key (no per-session copy on the way). */
const seenIn = (sessions: Session[]): LastRead => {
  const seen = new Map<string, Session>();
  for (const session of sessions) seen.set(session.key, session);
  return seen;
};

/**
 * Where the previous list had a session under the same key, its strings equal to this one's are
 * taken instead of the copies just read: a session listed every second then holds one copy of its
 * texts, and the copies just read die young. Nothing but identical text is shared. The fields a
 * session keeps from one list to the next (its time and state move, these do not) are written out
 * one by one: a loop over their names costs more than the rest of the row's mapping.
 */
const shareStable = (session: Session, previous: LastRead | undefined): void => {
  const before = previous?.get(session.key);
  if (before?.key !== session.key) return;
  session.key = before.key;
  if (before.id === session.id) session.id = before.id;
  if (before.source === session.source) session.source = before.source;
  if (before.sqlPreview !== null && before.sqlPreview === session.sqlPreview)
    session.sqlPreview = before.sqlPreview;
  // OceanBase's own fields (null elsewhere).
  if (before.obproxy !== null && before.obproxy === session.obproxy) session.obproxy = before.obproxy;
  if (before.proxySessionId !== null && before.proxySessionId === session.proxySessionId)
    session.proxySessionId = before.proxySessionId;
  if (before.traceId !== null && before.traceId === session.traceId) session.traceId = before.traceId;
  if (before.sqlId !== null && before.sqlId === session.sqlId) session.sqlId = before.sqlId;
};

/** Folds where the dialect folds, then marks protection in place (the array is the caller's own). */
export const finishSessions = (
  dialect: SessionDialect,
  sessions: Session[],
  ownIds: Set<string>,
): Session[] => {
  const folded = dialect.foldSessions ? dialect.foldSessions(sessions) : sessions;
  for (let i = 0; i < folded.length; i++) folded[i] = withProtection(dialect, folded[i] as Session, ownIds);
  return folded;
};

/**
 * What the account sees: 'all' when the probe found PROCESS granted to it, or when the list shows
 * a session of another user than its own connections' (PROCESS reached through a role, which the
 * grant tables do not show it; an account without PROCESS sees only its own user's sessions).
 */
export const visibilityOf = (probed: Visibility, sessions: Session[], own: Set<string>): Visibility => {
  if (probed === 'all') return 'all';
  const ownUsers = new Set<string>();
  for (const session of sessions) if (own.has(session.id)) ownUsers.add(session.user);
  if (ownUsers.size === 0) return probed;
  return sessions.some((session) => !ownUsers.has(session.user)) ? 'all' : probed;
};

/** What readSnapshot reads besides the processlist. */
export type ReadOptions = {
  /** The lock read (default true); false only for the bench's baseline, the processlist alone. */
  locks?: boolean;
};

/** What a lock read answered: its rows, or why the page has none. */
export type LockAnswer = { rows: ProcessRow[] } | { failed: LocksAvailability };

/**
 * The snapshot's lock read: one statement for the server's open transactions and lock waits.
 * Never fails the list: without the privilege, on a server without the tables, past the statement
 * timeout, the answer says why instead.
 */
export const readLocks = async (
  read: TenantConnection['read'],
  dialect: SessionDialect,
  timeoutMs: number,
): Promise<LockAnswer> => {
  const { locks } = dialect;
  if ('unavailable' in locks) return { failed: { available: false, reason: locks.unavailable } };
  try {
    return { rows: await read(locks.statement(timeoutMs)) };
  } catch (error) {
    return { failed: locksFailure(error, locks, timeoutMs, dialect.timeoutErrnos) };
  }
};

const LOST: LockAnswer = {
  failed: { available: false, reason: 'The lock read failed: its connection was lost' },
};

/**
 * The lock read beside the processlist read, on a second pooled connection when the pool has one
 * to spare right now (the snapshot then takes about as long as the longer of the two, not their
 * sum); `undefined` when it had none, and the lock read is to follow on the snapshot's own
 * connection. Either way one lock read per snapshot read.
 */
const lockReadBeside = (handle: TenantHandle, timeoutMs: number): Promise<LockAnswer | undefined> => {
  let ran = false;
  return handle
    .withSpareConnection((spare) => {
      ran = true;
      return readLocks(spare.read, spare.probe.dialect, timeoutMs);
    })
    .then((answer) => answer ?? (ran ? LOST : undefined));
};

/** Sessions past which a read lets the event loop turn between its steps (mapping, folding). */
const LARGE_READ = 2000;

const NOT_READ: LocksAvailability = { available: false, reason: 'The lock read was not asked for' };

/**
 * Reads the tenant's processlist once and its locks once (beside it, else after it), and who each key was (for
 * `changed` on kill). Each row becomes a Session as it arrives, so the driver's rows are never all
 * alive at once; its strings are shared with `previous` (the last read's) where equal. The
 * sidecar's own connections to the tenant's server, whichever pool holds them, are protected.
 */
export const readSnapshot = (
  handle: TenantHandle,
  previous: LastRead | undefined,
  options: ReadOptions = {},
): Promise<Read> =>
  handle.withConnection(async (connection) => {
    const { probe, readEach } = connection;
    const { dialect } = probe;
    const timeoutMs = handle.config.statementTimeoutMs;
    const beside = options.locks === false ? undefined : lockReadBeside(handle, timeoutMs);
    const context = { address: handle.address, previous };
    const read: Session[] = [];
    // Long statements whose digest the hash did not find: their whole texts are read after. Not
    // the sidecar's own (this read's text is another by then, so its hash would never be known).
    const pending: Session[] = [];
    const { wholeTexts } = dialect;
    const own = handle.sidecarThreadIds();
    await readEach(dialect.listSessions(timeoutMs), (row) => {
      const session = dialect.toSession(row, context);
      shareStable(session, previous);
      read.push(session);
      if (wholeTexts && digestPending(row)) {
        if (own.has(session.id)) session.sqlDigest = sessionDigest(session.sqlPreview);
        else pending.push(session);
      }
    });
    if (wholeTexts && pending.length > 0)
      await completeDigests(pending, (ids) => connection.read(wholeTexts(ids, timeoutMs)));
    const capturedAt = new Date().toISOString();
    // A turn of the event loop between the rows' mapping and the folding of a large read.
    if (read.length > LARGE_READ) await new Promise((resolve) => setImmediate(resolve));
    const sessions = finishSessions(dialect, read, own);
    let locks = NOT_READ;
    if (options.locks !== false) {
      const answer = (await beside) ?? (await readLocks(connection.read, dialect, timeoutMs));
      if ('failed' in answer) locks = answer.failed;
      else {
        applyLocks(sessions, lockGraphOf(answer.rows));
        locks = LOCKS_READ;
      }
    }
    const snapshot: Snapshot = {
      sessions,
      capturedAt,
      dialect: dialect.name,
      visibility: visibilityOf(probe.visibility, sessions, own),
      serverVersion: probe.serverVersion,
      locks,
    };
    return { snapshot, seen: seenIn(sessions) };
  });
