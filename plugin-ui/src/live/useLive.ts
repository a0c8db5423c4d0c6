import type { ListInput } from '@tenant-sessions/contracts';
import { useTableHold } from './holds';
import { useRefreshInterval } from './settings';
import { useLiveRefresh } from './useLiveRefresh';

/**
 * The tab's live refresh: the interval this browser chose, the operator's hold on the table,
 * and `held` from the tab (a dialog open, rows selected). `shown` false (another view of the
 * tab is on screen): no stream at all. `linkedMs`: the interval a link names (`ts.refresh`), which
 * applies to this mount without changing what the browser remembers.
 */
export function useLive(input: ListInput, held: boolean, shown = true, linkedMs?: number) {
  const [intervalMs, setInterval, own] = useRefreshInterval(linkedMs);
  const hold = useTableHold();
  const view = useLiveRefresh(input, shown ? intervalMs : 0, held || hold.held);
  /** The interval when it is this view's own (a link's, or chosen in this mount), else 0. */
  const ownInterval = own ? intervalMs : 0;
  return { view, setInterval, area: hold.area, ownInterval };
}
export type Live = ReturnType<typeof useLive>;
