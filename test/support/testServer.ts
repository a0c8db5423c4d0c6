import { inject } from 'vitest';
import { endpoint } from './db';

/**
 * The test MariaDB the server tests share (MYSQL_URL, or the throwaway server the global setup
 * started), and how the tests name what is on it.
 */
export const url = inject('mysqlUrl');
export const { host, port } = endpoint(url);
/** The observer part of a session key on the test server: `<host>:<port>`. */
export const address = `${host}:${port}`;
/** The key of session `id` on the test server, as the list shows it. */
export const keyOf = (id: string): string => `${address}#${id}`;

/** A tenant of the test cluster (the cluster of every tenantOn config). */
export const refOf = (tenantId: string): { clusterId: string; tenantId: string } => ({
  clusterId: 'test',
  tenantId,
});
/** The tenant most files name `main`: the test server through its root account. */
export const main = refOf('main');
