import type { Logger } from 'pino';
import type { OwnConnections } from '../audit/sink';
import type { TenantConfig } from '../config/tenants';
import { TenantHandle } from './handle';

export type RegistryOptions = {
  log: Logger;
  poolIdleMs: number;
  /** The sidecar's other connections to database servers (the audit table's pool). */
  otherOwnConnections?: OwnConnections[];
};

/**
 * One spelling per server for comparing addresses: `localhost` and `::1` are 127.0.0.1 (a tenant
 * configured as localhost:3306 and an audit at 127.0.0.1:3306 reach the same server).
 */
export const serverOf = (address: string): string =>
  address.toLowerCase().replace(/^(localhost|::1|\[::1\]):(\d+)$/, '127.0.0.1:$2');

/** Every configured tenant, each with its own lazily created pool; idle pools are closed. */
export class TenantRegistry {
  private readonly handles = new Map<string, TenantHandle>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    tenants: TenantConfig[],
    private readonly options: RegistryOptions,
  ) {
    for (const tenant of tenants)
      this.handles.set(`${tenant.clusterId}/${tenant.tenantId}`, new TenantHandle(tenant, options.log));
    this.sweeper = setInterval(() => void this.closeIdle(), Math.max(250, options.poolIdleMs / 4));
    this.sweeper.unref();
  }

  all(): TenantHandle[] {
    return [...this.handles.values()];
  }

  find(clusterId: string, tenantId: string): TenantHandle | undefined {
    return this.handles.get(`${clusterId}/${tenantId}`);
  }

  /** Ids of every sidecar connection to `address`, whichever tenant's pool (or the audit's) holds it. */
  ownThreadIds(address: string): Set<string> {
    const server = serverOf(address);
    const ids = new Set<string>();
    for (const handle of this.handles.values())
      if (serverOf(handle.address) === server) for (const id of handle.ownThreadIds) ids.add(id);
    for (const other of this.options.otherOwnConnections ?? [])
      if (serverOf(other.address) === server) for (const id of other.ids) ids.add(id);
    return ids;
  }

  /**
   * Closes the pools not used for `poolIdleMs`: none a call is using (ending a pool ends the
   * connections in use too), and idleness counts from the end of the last call.
   */
  async closeIdle(now = Date.now()): Promise<void> {
    const idle = this.all().filter(
      (h) => h.hasPool && !h.busy && now - h.lastUsed >= this.options.poolIdleMs,
    );
    for (const handle of idle) this.options.log.debug({ tenant: handle.ref }, 'closing idle pool');
    await Promise.all(idle.map((h) => h.close()));
  }

  /** Closes every pool (shutdown). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all(this.all().map((h) => h.close()));
  }
}
