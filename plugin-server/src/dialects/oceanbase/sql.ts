import type { KillKind } from '@tenant-sessions/contracts';
import { LIMITS, SESSION_ID_PATTERN } from '@tenant-sessions/contracts';
import type { KillStatement, Statement } from '../dialect';
import { AUDIT_SQL_COLUMN, idList, LONG_SQL_COLUMN } from '../rows';
import { VIEW, type ViewColumns } from './columns';

/** Whose sessions a tenant's account reads: its own tenant, or one tenant seen from sys. */
export type Scope = { kind: 'tenant' } | { kind: 'sys'; tenantName: string };

/** OceanBase's own statement bound, in microseconds (a comment to servers that do not know it). */
export const hint = (timeoutMs: number): string => `/*+ QUERY_TIMEOUT(${Math.ceil(timeoutMs) * 1000}) */`;

/** The columns of a list row, under the aliases rows.ts reads; optional ones only where they exist. */
export const listColumns = (columns: ViewColumns): string =>
  [
    'SVR_IP AS svr_ip',
    'SVR_PORT AS svr_port',
    'SQL_PORT AS sql_port',
    'ID AS id',
    'USER AS user',
    'HOST AS host',
    'DB AS db',
    'COMMAND AS command',
    'TIME AS time_seconds',
    'STATE AS state',
    `LEFT(INFO, ${LIMITS.sqlPreviewChars + 1}) AS info_head`,
    'CHAR_LENGTH(INFO) AS info_length',
    'PROXY_SESSID AS proxy_sessid',
    'USER_CLIENT_IP AS user_client_ip',
    ...(columns.has('USER_CLIENT_PORT') ? ['USER_CLIENT_PORT AS user_client_port'] : []),
    ...(columns.has('TRACE_ID') ? ['TRACE_ID AS trace_id'] : []),
    // Without SQL_ID (before 4.2) sessions are grouped by the digest of their whole statement.
    ...(columns.has('SQL_ID') ? ['SQL_ID AS sql_id'] : [LONG_SQL_COLUMN()]),
    ...(columns.has('TRANS_STATE') ? ['TRANS_STATE AS trans_state'] : []),
  ].join(', ');

/** `WHERE` conditions (bound) and their values, the sys scope's tenant filter first. */
const where = (scope: Scope, conditions: Statement[]): Statement => {
  const all =
    scope.kind === 'sys' ? [{ sql: 'TENANT = ?', values: [scope.tenantName] }, ...conditions] : conditions;
  return all.length === 0
    ? { sql: '', values: [] }
    : { sql: ` WHERE ${all.map((c) => c.sql).join(' AND ')}`, values: all.flatMap((c) => c.values) };
};

/** The statements of one tenant's dialect, fixed by its scope and its server's columns. */
export const obStatements = (scope: Scope, columns: ViewColumns) => {
  const select = (timeoutMs: number, conditions: Statement[], forAudit = false): Statement => {
    const filter = where(scope, conditions);
    const audit = forAudit ? `, ${AUDIT_SQL_COLUMN()}` : '';
    return {
      sql: `SELECT ${hint(timeoutMs)} ${listColumns(columns)}${audit} FROM ${VIEW}${filter.sql}`,
      values: filter.values,
    };
  };
  return {
    list: (timeoutMs: number): Statement => select(timeoutMs, []),
    byIds: (ids: string[], timeoutMs: number): Statement =>
      select(timeoutMs, [{ sql: `ID IN (${idList(ids)})`, values: ids }], true),
    /**
     * The full INFO of session `id`, named by the observer `svrIp:svrPort`: the same id on several
     * observers is one session (4.2.5+ client session ids, folded in the list), so its ACTIVE row
     * answers first, wherever its current statement runs, then the row on the named observer.
     */
    sqlText: (svrIp: string, svrPort: string, id: string, timeoutMs: number): Statement => {
      const filter = where(scope, [{ sql: 'ID = CAST(? AS UNSIGNED)', values: [id] }]);
      return {
        sql: `SELECT ${hint(timeoutMs)} INFO AS \`sql\`, (SVR_IP = ? AND SVR_PORT = ?) AS on_key FROM ${VIEW}${filter.sql} ORDER BY (STATE = 'ACTIVE') DESC, on_key DESC`,
        values: [svrIp, svrPort, ...filter.values],
      };
    },
  };
};

/**
 * `KILL <id>` / `KILL QUERY <id>` as text: OceanBase (and OBProxy, which parses KILL itself) may not
 * take KILL as a server-side prepared statement. The id reaches the text only as 1 to 20 digits.
 */
export const obKill = (kind: KillKind, id: string): KillStatement => {
  if (!SESSION_ID_PATTERN.test(id)) throw new Error(`not a session id: ${JSON.stringify(id)}`);
  return { sql: kind === 'query' ? `KILL QUERY ${id}` : `KILL ${id}`, values: [], protocol: 'text' };
};

/** `ip:port` of an observer key; the ip may itself hold colons (IPv6). Null when it does not parse. */
export const splitObserver = (observer: string): { ip: string; port: string } | null => {
  const at = observer.lastIndexOf(':');
  const ip = observer.slice(0, at);
  const port = observer.slice(at + 1);
  return at > 0 && /^[0-9]{1,5}$/.test(port) ? { ip, port } : null;
};
