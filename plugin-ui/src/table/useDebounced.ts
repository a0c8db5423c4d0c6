import { useEffect, useRef } from 'react';

/** How long a column search waits after the last keystroke before it asks the sidecar. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * `schedule(value)` calls `run(value)` once `ms` pass without another schedule; `cancel()` forgets
 * the pending call. The latest `run` is the one called; an unmount cancels.
 */
export function useDebounced<T>(run: (value: T) => void, ms: number) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    schedule: (value: T) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(value), ms);
    },
    cancel: () => clearTimeout(timer.current),
  };
}
