import { isUnchanged, type ListQuery, type WatchEvent } from '@tenant-sessions/contracts';
import type { WatchLimits } from '../config/settings';
import type { Metrics } from '../metrics/metrics';
import { pageOf } from './page';
import type { SnapshotStore } from './store';
import { WatchHub, type WatchView } from './watch';

/**
 * A list page as a watch sees it: `sessions.list`'s page for the same input, and the same page
 * whatever its snapshot's time (a page whose rows, totals and flags did not move is not pushed
 * again: when it is due, only its snapshot's time is).
 */
export const pageView: WatchView<ListQuery, WatchEvent> = {
  of: pageOf,
  sameness: (event) => {
    if (isUnchanged(event)) return '';
    const { capturedAt: _, ...shown } = event;
    return JSON.stringify(shown);
  },
  still: (event) => ({ unchanged: true, capturedAt: event.capturedAt }),
};

/** The live list pages of `sessions.watch`. */
export type PageWatch = WatchHub<ListQuery, WatchEvent>;

export const createPageWatch = (store: SnapshotStore, metrics: Metrics, limits: WatchLimits): PageWatch =>
  new WatchHub(store, pageView, metrics, limits);
