import type { Logger } from 'pino';
import type { TenantConfig } from '../config/tenants';
import { OwnConnections } from '../connections/own';
import { TenantHandle } from './handle';

export type RegistryOptions = {
  log: Logger;
  poolIdleMs: number;
  /** The sidecar's own connections, shared with the audit table's pool (default: the registry's alone). */
  own?: OwnConnections;
};

/** Every configured tenant, each with its own lazily created pool; idle pools are closed. */
export class TenantRegistry {
  private readonly handles = new Map<string, TenantHandle>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    tenants: TenantConfig[],
    private readonly options: RegistryOptions,
  ) {
    const own = options.own ?? new OwnConnections();
    for (const tenant of tenants)
      this.handles.set(`${tenant.clusterId}/${tenant.tenantId}`, new TenantHandle(tenant, options.log, own));
    this.sweeper = setInterval(() => void this.closeIdle(), Math.max(250, options.poolIdleMs / 4));
    this.sweeper.unref();
  }

  all(): TenantHandle[] {
    return [...this.handles.values()];
  }

  find(clusterId: string, tenantId: string): TenantHandle | undefined {
    return this.handles.get(`${clusterId}/${tenantId}`);
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
