import type { Session } from '@tenant-sessions/contracts';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { sameSession } from '../table/sameSession';

/** How long a row that changed under a live refresh stays marked. */
export const MARK_MS = 2000;

/**
 * The rows a live refresh changed a moment ago, by session key. Each row subscribes to its own
 * key, so marking one row renders that row only.
 */
export class RowMarks {
  readonly #marked = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #listeners = new Map<string, Set<() => void>>();

  mark(keys: Iterable<string>) {
    for (const key of keys) {
      clearTimeout(this.#marked.get(key));
      this.#marked.set(
        key,
        setTimeout(() => {
          this.#marked.delete(key);
          this.#emit(key);
        }, MARK_MS),
      );
      this.#emit(key);
    }
  }

  has = (key: string) => this.#marked.has(key);

  subscribe(key: string, listener: () => void) {
    const set = this.#listeners.get(key) ?? new Set<() => void>();
    this.#listeners.set(key, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
    };
  }

  clear() {
    for (const timer of this.#marked.values()) clearTimeout(timer);
    this.#marked.clear();
  }

  #emit(key: string) {
    for (const listener of this.#listeners.get(key) ?? []) listener();
  }
}

export const RowMarksContext = createContext<RowMarks | null>(null);

const never = () => () => {};

/** True while the live refresh marks this row as just changed. */
export function useRowMarked(key: string): boolean {
  const marks = useContext(RowMarksContext);
  return useSyncExternalStore(
    marks ? (listener) => marks.subscribe(key, listener) : never,
    () => marks?.has(key) ?? false,
  );
}

/** Same session, its running times aside: advancing times alone do not mark a row. */
const sameButTime = (a: Session, b: Session) =>
  sameSession(
    { ...a, timeSeconds: 0, transactionSeconds: 0 },
    { ...b, timeSeconds: 0, transactionSeconds: 0 },
  );

/** The keys of the rows that are new in `after`, or changed (their times aside). */
export function changedRows(before: readonly Session[], after: readonly Session[]): string[] {
  const old = new Map(before.map((s) => [s.key, s]));
  return after
    .filter((s) => {
      const was = old.get(s.key);
      return !was || !sameButTime(was, s);
    })
    .map((s) => s.key);
}

/** How many rows differ between what is shown and what came: new, gone, or changed at all. */
export function differences(before: readonly Session[], after: readonly Session[]): number {
  const old = new Map(before.map((s) => [s.key, s]));
  let count = 0;
  for (const s of after) {
    const was = old.get(s.key);
    if (!was || !sameSession(was, s)) count += 1;
    old.delete(s.key);
  }
  return count + old.size;
}
