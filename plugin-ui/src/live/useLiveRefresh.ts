import { useQueryClient } from '@tanstack/react-query';
import type { ListInput, SessionPage, WatchEvent, WatchUnchanged } from '@tenant-sessions/contracts';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useApi } from '../api/ApiContext';
import { queryKeys } from '../api/queries';
import { changedRows, differences, RowMarks } from './marks';
import { followPage, type SourceState } from './source';

export type LiveView = {
  /** The refresh interval (0: off). */
  intervalMs: number;
  /** The stream's state; null while off or while the browser tab is hidden. */
  source: SourceState | null;
  /** True while what is shown holds still for the operator. */
  paused: boolean;
  /** Rows that differ between what is shown and what came meanwhile. */
  waiting: number;
  /** Shows what came now, and stays live until the operator's holds are all released. */
  resume: () => void;
  marks: RowMarks;
};

const subscribeVisibility = (listener: () => void) => {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
};
const isVisible = () => document.visibilityState !== 'hidden';

/**
 * The contracts' `isUnchanged`, written here: importing it would bring its module's zod schemas,
 * and zod with them, into the parcel.
 */
const isUnchanged = (event: WatchEvent): event is WatchUnchanged => 'unchanged' in event;

/**
 * Live refresh of the page `input` names: what the stream brings goes into the list query's cache,
 * so the table shows it as it shows any list, except while `held` (the pointer over the table, a
 * menu, dialog or search open, rows selected): then it waits, counted, until the hold ends or
 * the operator resumes. The stream stops while the browser tab is hidden.
 */
export function useLiveRefresh(input: ListInput, intervalMs: number, held: boolean): LiveView {
  const api = useApi();
  const queryClient = useQueryClient();
  const visible = useSyncExternalStore(subscribeVisibility, isVisible, () => true);
  const [source, setSource] = useState<SourceState | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [forced, setForced] = useState(false);
  const [marks] = useState(() => new RowMarks());
  const paused = held && !forced;
  const pending = useRef<SessionPage | null>(null);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const key = JSON.stringify(input);

  /** Shows a page: the rows it changed are marked a moment; an older page than shown is dropped. */
  const show = useRef((page: SessionPage, queryKey: readonly unknown[]) => {
    const shown = queryClient.getQueryData<SessionPage>(queryKey);
    if (shown && shown.capturedAt > page.capturedAt) return;
    if (shown) marks.mark(changedRows(shown.rows, page.rows));
    queryClient.setQueryData(queryKey, page);
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `input`
  useEffect(() => {
    pending.current = null;
    setWaiting(0);
    if (intervalMs === 0 || !visible) {
      setSource(null);
      return;
    }
    const queryKey = queryKeys.list(input);
    const onEvent = (event: WatchEvent) => {
      if (isUnchanged(event)) {
        // The page stands as it was, as of a newer snapshot.
        if (pending.current) pending.current = { ...pending.current, capturedAt: event.capturedAt };
        else if (!pausedRef.current)
          queryClient.setQueryData<SessionPage>(queryKey, (old) =>
            old && old.capturedAt < event.capturedAt ? { ...old, capturedAt: event.capturedAt } : old,
          );
        return;
      }
      if (pausedRef.current) {
        pending.current = event;
        const shown = queryClient.getQueryData<SessionPage>(queryKey);
        setWaiting(shown ? differences(shown.rows, event.rows) : event.rows.length);
        return;
      }
      show.current(event, queryKey);
    };
    const stop = followPage({ api, input, intervalMs, onEvent, onState: setSource });
    return () => {
      stop();
      setSource(null);
    };
  }, [api, key, intervalMs, visible, queryClient]);

  // The hold ended: show what came meanwhile.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `input`
  useEffect(() => {
    if (paused || !pending.current) return;
    show.current(pending.current, queryKeys.list(input));
    pending.current = null;
    setWaiting(0);
  }, [paused, key]);

  // A Resume holds until every hold is released; the next hold pauses again.
  useEffect(() => {
    if (!held) setForced(false);
  }, [held]);

  useEffect(() => () => marks.clear(), [marks]);

  return {
    intervalMs,
    source: intervalMs === 0 ? null : source,
    paused: intervalMs !== 0 && paused,
    waiting,
    resume: () => setForced(true),
    marks,
  };
}
