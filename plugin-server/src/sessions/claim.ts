import type { SessionDialect } from '../dialects';
import type { TenantConnection } from '../tenants/handle';

/**
 * Sessions are claimed by bucket (the id modulo CLAIM_BUCKETS), not one by one: the server takes
 * GET_LOCK slower the more locks one connection holds (100 in one statement took 2–7 ms, 16 took
 * 0.2 ms), and two calls whose sessions share a bucket only take turns, which is what a claim is.
 */
export const CLAIM_BUCKETS = 16;

/** The user lock of the bucket of a session id (at most 64 characters on the server). */
export const claimName = (id: string): string =>
  `tenant-sessions:close-bucket:${Number(BigInt(id) % BigInt(CLAIM_BUCKETS))}`;

/**
 * Claims the sessions of a close call on the tenant's own server (MySQL and MariaDB user locks,
 * GET_LOCK, one per bucket of sessions), so that two calls closing the same session at the same
 * moment — two operators, two sidecars sharing the tenant — take turns: the second reads the session after the first closed
 * it, and answers `not_found`. One statement for all of them (names sorted: no two calls wait on
 * each other crosswise), each waiting at most `waitSeconds`; a lock not had is not fatal (the
 * call goes on, as it did before). The server releases them when the connection ends, and
 * `release` does so at once. OceanBase has no such locks: nothing is claimed there.
 */
export const claimSessions = async (
  connection: TenantConnection,
  dialect: SessionDialect,
  ids: string[],
  waitSeconds: number,
): Promise<() => Promise<void>> => {
  if (dialect.name === 'oceanbase' || ids.length === 0) return async () => undefined;
  const names = [...new Set(ids.map(claimName))].sort();
  const wait = String(Math.max(0, Math.floor(waitSeconds)));
  await connection.read({
    sql: `SELECT ${names.map(() => 'GET_LOCK(?, ?)').join(', ')}`,
    values: names.flatMap((name) => [name, wait]),
  });
  return async () => {
    if (connection.broken()) return;
    await connection
      .read({ sql: `SELECT ${names.map(() => 'RELEASE_LOCK(?)').join(', ')}`, values: names })
      .catch(() => undefined);
  };
};
