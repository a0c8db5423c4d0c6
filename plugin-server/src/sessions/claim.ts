import type { SessionDialect } from '../dialects';
import type { TenantConnection } from '../tenants/handle';

/** A user lock's name per session id (at most 64 characters on the server). */
const lockName = (id: string) => `tenant-sessions:close:${id}`;

/**
 * Claims the sessions of a close call on the tenant's own server (MySQL and MariaDB user locks,
 * GET_LOCK), so that two calls closing the same session at the same moment — two operators, two
 * sidecars sharing the tenant — take turns: the second reads the session after the first closed
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
  const names = [...new Set(ids)].sort().map(lockName);
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
