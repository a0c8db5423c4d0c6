import type { SessionDialect } from '../dialect';
import type { DialectOptions } from '../options';
import { PROCESS_PRIVILEGE_SQL } from '../rows';
import { COLUMNS_SQL, viewColumnsOf } from './columns';
import { foldSessions } from './fold';
import { obLocks } from './locks';
import { obProtectedReason } from './protection';
import { directAddressOf, obRowToSession } from './rows';
import { hint, obKill, obStatements, splitObserver } from './sql';
import { checkServed, MODE_SQL, modeOf } from './version';

/** True when the connection answers `proxy_version()`, which only OBProxy (ODP) knows. */
const answersProxyVersion = async (read: DialectOptions['read']): Promise<boolean> =>
  read({ sql: 'SELECT proxy_version() AS proxy_version', values: [] }).then(
    () => true,
    () => false,
  );

/**
 * OceanBase 4.x in MySQL mode: GV$OB_PROCESSLIST, read with the columns this server has (probed
 * once per pool), one row per session id, KILL sent as text. Through OBProxy (configured, or
 * detected with `proxy_version()`), a row's observer SQL port is offered for the direct retry.
 */
export const oceanbaseDialect = async (
  serverVersion: string,
  { scope, read, viaObproxy }: DialectOptions,
): Promise<SessionDialect> => {
  checkServed(serverVersion, modeOf(await read({ sql: MODE_SQL, values: [] })));
  const columns = viewColumnsOf(await read(COLUMNS_SQL));
  const throughProxy = viaObproxy ?? (await answersProxyVersion(read));
  const statements = obStatements(scope, columns);
  return {
    name: 'oceanbase',
    listSessions: statements.list,
    sessionsByIds: statements.byIds,
    sqlText: ({ observer, id }, _context, timeoutMs) => {
      const at = splitObserver(observer);
      return at ? statements.sqlText(at.ip, at.port, id, timeoutMs) : null;
    },
    toSession: obRowToSession,
    foldSessions,
    locks: obLocks(scope, hint),
    protectedReason: obProtectedReason,
    killStatement: obKill,
    directAddress: (row) => (throughProxy ? directAddressOf(row) : null),
    killOthersPrivilege: 'SUPER',
    // The sys tenant sees every tenant's sessions; inside a tenant, PROCESS shows the whole tenant.
    visibilitySql: scope.kind === 'sys' ? 'SELECT 1 AS sees_all' : PROCESS_PRIVILEGE_SQL,
    // OB_TIMEOUT (-4012) as OceanBase reports it to MySQL clients.
    timeoutErrnos: new Set([4012]),
  };
};
