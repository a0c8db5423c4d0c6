import type { ListQuery, SessionPage } from '@tenant-sessions/contracts';
import type { WatchLimits } from '../config/settings';
import type { Metrics } from '../metrics/metrics';
import { pageOf } from './page';
import type { SnapshotStore } from './store';
import { WatchHub, type WatchView } from './watch';

/**
 * A list page as a watch sees it: `sessions.list`'s page for the same input, and the same page
 * whatever its snapshot's time (a page whose rows, totals and flags did not move is not pushed).
 */
export const pageView: WatchView<ListQuery, SessionPage> = {
  of: pageOf,
  sameness: ({ capturedAt: _, ...shown }) => JSON.stringify(shown),
};

/** The live list pages of `sessions.watch`. */
export type PageWatch = WatchHub<ListQuery, SessionPage>;

export const createPageWatch = (store: SnapshotStore, metrics: Metrics, limits: WatchLimits): PageWatch =>
  new WatchHub(store, pageView, metrics, limits);
