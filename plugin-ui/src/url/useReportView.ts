import { useEffect, useRef } from 'react';

/** Calls `report` with `view` after each render in which the view changed (compared as JSON). */
export function useReportView<V>(view: V, report: ((view: V) => void) | undefined): void {
  const text = JSON.stringify(view);
  const latest = useRef({ view, report });
  latest.current = { view, report };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the view's text is what changes
  useEffect(() => {
    latest.current.report?.(latest.current.view);
  }, [text]);
}
