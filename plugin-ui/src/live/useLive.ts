import type { ListInput } from '@tenant-sessions/contracts';
import { useTableHold } from './holds';
import { useRefreshInterval } from './settings';
import { useLiveRefresh } from './useLiveRefresh';

/**
 * The tab's live refresh: the interval this browser chose, the operator's hold on the table,
 * and `held` from the tab (a dialog open, rows selected). `shown` false (another view of the
 * tab is on screen): no stream at all.
 */
export function useLive(input: ListInput, held: boolean, shown = true) {
  const [intervalMs, setInterval] = useRefreshInterval();
  const hold = useTableHold();
  const view = useLiveRefresh(input, shown ? intervalMs : 0, held || hold.held);
  return { view, setInterval, area: hold.area };
}
export type Live = ReturnType<typeof useLive>;
