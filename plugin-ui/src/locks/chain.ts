import type { Session } from '@tenant-sessions/contracts';

/** One path down a lock chain: the blocker first, then who waits on it, and so on (session keys). */
export type ChainPath = { keys: string[]; cycle: boolean };

export type Chain = {
  paths: ChainPath[];
  /** Paths left out beyond `limit`. */
  more: number;
};

/** Who waits on whom: for every key, the keys of the sessions whose `blockedBy` names it. */
export function waitersOf(sessions: readonly Pick<Session, 'key' | 'blockedBy'>[]): Map<string, string[]> {
  const waiters = new Map<string, string[]>();
  for (const session of sessions) {
    for (const holder of session.blockedBy) {
      const list = waiters.get(holder);
      if (list) list.push(session.key);
      else waiters.set(holder, [session.key]);
    }
  }
  return waiters;
}

/**
 * Every path from `root` down to a session nobody waits on (A → B → C), following `blockedBy`
 * backwards. A session already on a path ends it, marked as a cycle (a deadlock the server has not
 * broken yet), so a cycle never loops. At most `limit` paths; the rest are counted in `more`.
 */
export function chainOf(
  root: string,
  sessions: readonly Pick<Session, 'key' | 'blockedBy'>[],
  limit = 20,
): Chain {
  const waiters = waitersOf(sessions);
  const paths: ChainPath[] = [];
  let more = 0;
  const walk = (path: string[]) => {
    const last = path[path.length - 1] as string;
    const next = waiters.get(last) ?? [];
    if (next.length === 0) {
      if (path.length > 1) {
        if (paths.length < limit) paths.push({ keys: path, cycle: false });
        else more += 1;
      }
      return;
    }
    for (const key of next) {
      if (path.includes(key)) {
        if (paths.length < limit) paths.push({ keys: [...path, key], cycle: true });
        else more += 1;
      } else walk([...path, key]);
    }
  };
  walk([root]);
  return { paths, more };
}
