import type { Pool } from 'mysql2/promise';

/**
 * One spelling per server for comparing addresses: `localhost` and `::1` are 127.0.0.1 (a tenant
 * configured as localhost:3306 and an audit at 127.0.0.1:3306 reach the same server).
 */
export const serverOf = (address: string): string =>
  address.toLowerCase().replace(/^(localhost|::1|\[::1\]):(\d+)$/, '127.0.0.1:$2');

/** Keeps `ids` holding the thread id of every connection `pool` has open. */
const trackThreadIds = (pool: Pool, ids: Set<string>): void => {
  pool.pool.on('connection', (connection) => {
    const id = String(connection.threadId);
    ids.add(id);
    connection.once('end', () => ids.delete(id));
  });
};

/**
 * Every database connection the sidecar itself holds (the tenants' pools, the audit table's pool),
 * by server: these sessions are never listed as closable and never killed. One per process,
 * handed to whatever opens a pool.
 */
export class OwnConnections {
  private readonly pools = new Map<Set<string>, string>();

  /**
   * Watches `pool`, whose connections go to `address`: the id of every connection it opens is the
   * sidecar's own until that connection ends. Answers the live set of that pool's ids.
   */
  track(pool: Pool, address: string): Set<string> {
    const ids = new Set<string>();
    trackThreadIds(pool, ids);
    this.pools.set(ids, serverOf(address));
    return ids;
  }

  /** Forgets a pool that ended. */
  untrack(ids: Set<string>): void {
    this.pools.delete(ids);
  }

  /** The ids of every sidecar connection on the server at `address`, whichever pool holds it. */
  on(address: string): Set<string> {
    const server = serverOf(address);
    const all = new Set<string>();
    for (const [ids, at] of this.pools) if (at === server) for (const id of ids) all.add(id);
    return all;
  }
}
