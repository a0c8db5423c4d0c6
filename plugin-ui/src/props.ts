import type { GetAuthToken } from './api/client';

/** The parcel's props: the integration contract for host consoles (README, "Parcel props"). */
export type SessionsParcelProps = {
  /** The cluster, as the host names it. */
  clusterId: string;
  /** The tenant (entry 1). Absent (entry 2): the tab shows a tenant picker. */
  tenantId?: string;
  /** The sidecar's tRPC endpoint: `/trpc` behind the host's gateway, or `http://127.0.0.1:3300/trpc`. */
  apiUrl: string;
  /** Called on every request; may return a promise (refresh the token there). */
  getAuthToken: GetAuthToken;
  /**
   * BCP 47 tag of the operator's language: `zh`, `zh-CN`, `zh-Hans…` show the tab in Simplified
   * Chinese, anything else (or none) in English; numbers and times are formatted for this tag.
   * An `update` with another tag switches the language without a remount.
   */
  locale?: string;
  /**
   * Keep the view (tenant on entry 2, searches, active-only, sort, page size) in the page's URL
   * query under `ts.` parameters, so a copied link opens the same view and Back / Forward step
   * through filter changes (README, "Links that reproduce a view"). Default true; false leaves
   * the URL alone.
   */
  urlState?: boolean;
  /**
   * The refresh control's default where this browser remembers none: 1000, 3000 (the default),
   * 5000, 15000 or 30000 ms (another value takes the nearest), 0 for off (README, "Live refresh").
   */
  refreshIntervalMs?: number;
  /** ACTIVE sessions running at least this long are marked as long-running (default 10 s). */
  longRunningWarnSeconds?: number;
  /** ACTIVE sessions running at least this long are marked as alerts (default 60 s). */
  longRunningAlertSeconds?: number;
};
