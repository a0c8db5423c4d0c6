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
  /** BCP 47 tag for numbers and times, e.g. `zh-CN`; the browser's own when absent. */
  locale?: string;
};
