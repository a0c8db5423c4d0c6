import type { Session } from '@tenant-sessions/contracts';
import type { SessionDialect } from '../dialects';
import type { TenantConnection } from '../tenants/handle';
import { type Outcome, outcome } from './outcomes';
import { byEveryKey } from './plan';

/** How long a stopped statement may take to leave the processlist before it counts as still running. */
export const STILL_RUNNING_WAIT_MS = 400;
const FIRST_PAUSE_MS = 2;
const MAX_PAUSE_MS = 50;

/**
 * Whether `now` (the session as read again) still runs the statement `before` ran: the same
 * text, still ACTIVE, and its execution time not reset (a statement run again starts from 0).
 */
export const runsSameStatement = (before: Session, now: Session | undefined): boolean =>
  now !== undefined &&
  now.status === 'ACTIVE' &&
  before.sqlPreview !== null &&
  now.sqlPreview === before.sqlPreview &&
  now.timeSeconds >= before.timeSeconds;

/** The outcome of a KILL QUERY the server answered OK while the statement went on. */
export const stillRunning = (session: Session): Outcome =>
  outcome(
    'error',
    `Session ${session.id} still runs the same statement after KILL QUERY was answered OK: nothing was stopped (on OceanBase, a client session id's KILL QUERY answers OK on every observer)`,
    'query.still_running',
    { id: session.id },
  );

/**
 * After KILL QUERY answered OK, look again (README, "Outcomes that are true"): the sessions whose
 * statement still runs after a short bounded wait (a stopped statement usually leaves within
 * milliseconds) are answered by key. One read of all of them per look. A failed read proves
 * nothing either way: those sessions keep their `killed`.
 */
export const stillRunningKeys = async (
  connection: TenantConnection,
  dialect: SessionDialect,
  stopped: Session[],
  {
    address,
    timeoutMs,
    waitMs = STILL_RUNNING_WAIT_MS,
  }: { address: string; timeoutMs: number; waitMs?: number },
): Promise<Set<string>> => {
  let running = stopped.filter((s) => s.sqlPreview !== null);
  const deadline = Date.now() + waitMs;
  let pause = FIRST_PAUSE_MS;
  while (running.length > 0) {
    let rows: Awaited<ReturnType<TenantConnection['read']>>;
    try {
      rows = await connection.read(dialect.sessionsByIds([...new Set(running.map((s) => s.id))], timeoutMs));
    } catch {
      return new Set();
    }
    const read = rows.map((row) => dialect.toSession(row, { address }));
    const now = byEveryKey(dialect.foldSessions?.(read) ?? read);
    running = running.filter((s) => runsSameStatement(s, now.get(s.key)));
    if (running.length === 0 || Date.now() >= deadline || connection.broken()) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
  return new Set(running.map((s) => s.key));
};
