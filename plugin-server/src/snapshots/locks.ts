import type { LocksAvailability, Session } from '@tenant-sessions/contracts';
import type { LockRead, ProcessRow } from '../dialects';
import { text } from '../dialects/rows';
import { describeDriverError, errnoOf, isClientTimeout } from '../errors/driver';

/** What one lock read found, by session id. */
export type LockGraph = {
  /** The age of each session's open transaction, in seconds (the oldest, should a session show several). */
  transactionSeconds: Map<string, number>;
  /** The sessions each waiting session waits on (never itself). */
  waitsOn: Map<string, Set<string>>;
};

const addTo = (map: Map<string, Set<string>>, key: string, value: string): void => {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
};

/**
 * The rows of a dialect's lock read (dialects/locks.ts' aliases) as who waits on whom: a wait's
 * holding transaction is turned into its session through the read's 'trx' rows, the waiter is
 * the session the row names or else its transaction's. A wait whose holder or waiter has no
 * session (a transaction of the server's own, a row of another moment) says nothing.
 */
export const lockGraphOf = (rows: ProcessRow[]): LockGraph => {
  const sessionOfTrx = new Map<string, string>();
  const transactionSeconds = new Map<string, number>();
  const waits: ProcessRow[] = [];
  for (const row of rows) {
    if (row.kind === 'wait') {
      waits.push(row);
      continue;
    }
    const trx = text(row.trx_id);
    const session = text(row.session_id);
    // Thread 0: InnoDB's own (purge, recovered) transactions, no session.
    if (row.kind !== 'trx' || !trx || !session || session === '0') continue;
    sessionOfTrx.set(trx, session);
    if (row.trx_seconds === null || row.trx_seconds === undefined) continue;
    const seconds = Math.max(0, Number(row.trx_seconds));
    if (!Number.isFinite(seconds)) continue;
    transactionSeconds.set(session, Math.max(seconds, transactionSeconds.get(session) ?? 0));
  }
  const waitsOn = new Map<string, Set<string>>();
  for (const row of waits) {
    const named = text(row.session_id);
    const waiter = named && named !== '0' ? named : sessionOfTrx.get(text(row.trx_id) ?? '');
    const holder = sessionOfTrx.get(text(row.holder_trx_id) ?? '');
    if (waiter && holder && waiter !== holder) addTo(waitsOn, waiter, holder);
  }
  return { transactionSeconds, waitsOn };
};

/**
 * How many sessions wait on each holder, directly or further down the chain, each counted once:
 * a walk of who-waits-on-whom backwards from every holder, never visiting a session twice, so a
 * cycle (a deadlock in the making, before the server breaks it) ends the walk instead of looping;
 * a holder on a cycle does not count itself. One walk per holder: its cost grows with holders
 * times waits (a few thousand waits, the most a server holds in practice, take milliseconds).
 */
export const blockingCounts = (waitsOn: Map<string, Set<string>>): Map<string, number> => {
  const waitedOnBy = new Map<string, Set<string>>();
  for (const [waiter, holders] of waitsOn) for (const holder of holders) addTo(waitedOnBy, holder, waiter);
  const counts = new Map<string, number>();
  for (const holder of waitedOnBy.keys()) {
    const seen = new Set<string>([holder]);
    const next = [holder];
    for (let at = next.pop(); at !== undefined; at = next.pop())
      for (const waiter of waitedOnBy.get(at) ?? []) {
        if (seen.has(waiter)) continue;
        seen.add(waiter);
        next.push(waiter);
      }
    counts.set(holder, seen.size - 1);
  }
  return counts;
};

/**
 * Writes a lock read into the sessions of the same snapshot, in place: each session's transaction
 * age, the keys of the sessions it waits on (sorted), and how many wait on it. Only sessions listed
 * here are joined, by id (OceanBase: the folded session holding that id, whichever observer).
 */
export const applyLocks = (sessions: Session[], graph: LockGraph): void => {
  const keyOf = new Map<string, string>();
  for (const session of sessions) if (!keyOf.has(session.id)) keyOf.set(session.id, session.key);
  const waitsOn = new Map<string, Set<string>>();
  for (const [waiter, holders] of graph.waitsOn) {
    if (!keyOf.has(waiter)) continue;
    for (const holder of holders) if (keyOf.has(holder)) addTo(waitsOn, waiter, holder);
  }
  const counts = blockingCounts(waitsOn);
  for (const session of sessions) {
    session.transactionSeconds = graph.transactionSeconds.get(session.id) ?? null;
    const holders = waitsOn.get(session.id);
    if (holders) session.blockedBy = [...holders].map((id) => keyOf.get(id) as string).sort();
    session.blocking = counts.get(session.id) ?? 0;
  }
};

/** Server answers meaning "this account may not read that table" (MySQL, MariaDB, OceanBase's MySQL mode). */
const DENIED = new Set([1044, 1142, 1143, 1227]);
/** "No such table / database": the server has no such lock tables. */
const MISSING = new Set([1049, 1109, 1146]);

export const LOCKS_READ: LocksAvailability = { available: true, reason: null };

/** Why a failed lock read left the page without locks, in words for the operator. */
export const locksFailure = (
  error: unknown,
  read: Extract<LockRead, { privilege: string }>,
  timeoutMs: number,
  timeoutErrnos: ReadonlySet<number>,
): LocksAvailability => {
  const errno = errnoOf(error);
  const said = describeDriverError(error);
  if (errno !== undefined && DENIED.has(errno))
    return {
      available: false,
      reason: `This account may not read the lock tables: it needs ${read.privilege} (${said})`,
    };
  if (errno !== undefined && MISSING.has(errno))
    return { available: false, reason: `${read.missing} (${said})` };
  if ((errno !== undefined && timeoutErrnos.has(errno)) || isClientTimeout(error))
    return { available: false, reason: `The lock read ran past the statement timeout (${timeoutMs} ms)` };
  return { available: false, reason: `The lock read failed: ${said}` };
};
