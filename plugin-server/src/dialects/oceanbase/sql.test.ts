import { describe, expect, it } from 'vitest';
import { OPTIONAL_COLUMNS, type ViewColumns } from './columns';
import { obKill, obStatements, splitObserver } from './sql';

// The exact SQL the dialect sends, pinned.
const V42: ViewColumns = new Set(['TRACE_ID', 'SQL_ID', 'TRANS_STATE']);
const V43: ViewColumns = new Set(OPTIONAL_COLUMNS);
const CORE =
  'SVR_IP AS svr_ip, SVR_PORT AS svr_port, SQL_PORT AS sql_port, ID AS id, USER AS user, HOST AS host, DB AS db, COMMAND AS command, TIME AS time_seconds, STATE AS state, LEFT(INFO, 257) AS info_head, CHAR_LENGTH(INFO) AS info_length, PROXY_SESSID AS proxy_sessid, USER_CLIENT_IP AS user_client_ip';
const tenant = { kind: 'tenant' } as const;
const sys = { kind: 'sys', tenantName: 'mysql001' } as const;

describe('the OceanBase statements', () => {
  it.each([
    ['4.2', 'tenant', V42, '', []],
    ['4.2', 'sys', V42, ' WHERE TENANT = ?', ['mysql001']],
    ['4.3', 'tenant', V43, '', []],
    ['4.3', 'sys', V43, ' WHERE TENANT = ?', ['mysql001']],
  ] as const)('list a %s server in the %s scope', (set, kind, columns, where, values) => {
    const port = set === '4.3' ? ', USER_CLIENT_PORT AS user_client_port' : '';
    expect(obStatements(kind === 'sys' ? sys : tenant, columns).list(2000)).toEqual({
      sql: `SELECT /*+ QUERY_TIMEOUT(2000000) */ ${CORE}${port}, TRACE_ID AS trace_id, SQL_ID AS sql_id, TRANS_STATE AS trans_state FROM oceanbase.\`GV$OB_PROCESSLIST\`${where}`,
      values,
    });
  });

  it('list only the core columns when the server names none of the optional ones, and the whole text of long statements for their digest (no SQL_ID)', () => {
    expect(obStatements(tenant, new Set()).list(1000).sql).toBe(
      `SELECT /*+ QUERY_TIMEOUT(1000000) */ ${CORE}, IF(CHAR_LENGTH(INFO) > 257, INFO, NULL) AS info_long FROM oceanbase.\`GV$OB_PROCESSLIST\``,
    );
  });

  it('read sessions by id, the ids bound, in both scopes, with the SQL text the audit keeps', () => {
    const ids = ['3221487622', '18446744073709551615'];
    expect(obStatements(tenant, V42).byIds(ids, 5000)).toEqual({
      sql: `SELECT /*+ QUERY_TIMEOUT(5000000) */ ${CORE}, TRACE_ID AS trace_id, SQL_ID AS sql_id, TRANS_STATE AS trans_state, LEFT(INFO, 16001) AS info_audit FROM oceanbase.\`GV$OB_PROCESSLIST\` WHERE ID IN (CAST(? AS UNSIGNED), CAST(? AS UNSIGNED))`,
      values: ids,
    });
    expect(obStatements(sys, V42).byIds(ids, 5000)).toMatchObject({
      sql: expect.stringMatching(
        / WHERE TENANT = \? AND ID IN \(CAST\(\? AS UNSIGNED\), CAST\(\? AS UNSIGNED\)\)$/,
      ),
      values: ['mysql001', ...ids],
    });
  });

  it("reads a session's full SQL on every observer, the ACTIVE row first, then the key's; everything bound", () => {
    const order = "ORDER BY (STATE = 'ACTIVE') DESC, on_key DESC";
    expect(obStatements(tenant, V43).sqlText('10.0.0.12', '2882', '3221553159', 5000)).toEqual({
      sql: `SELECT /*+ QUERY_TIMEOUT(5000000) */ INFO AS \`sql\`, (SVR_IP = ? AND SVR_PORT = ?) AS on_key FROM oceanbase.\`GV$OB_PROCESSLIST\` WHERE ID = CAST(? AS UNSIGNED) ${order}`,
      values: ['10.0.0.12', '2882', '3221553159'],
    });
    expect(obStatements(sys, V43).sqlText('10.0.0.12', '2882', '1', 5000)).toEqual({
      sql: `SELECT /*+ QUERY_TIMEOUT(5000000) */ INFO AS \`sql\`, (SVR_IP = ? AND SVR_PORT = ?) AS on_key FROM oceanbase.\`GV$OB_PROCESSLIST\` WHERE TENANT = ? AND ID = CAST(? AS UNSIGNED) ${order}`,
      values: ['10.0.0.12', '2882', 'mysql001', '1'],
    });
  });

  it('kill as text, with an id that is 1 to 20 digits and nothing else', () => {
    expect(obKill('session', '3221487622')).toEqual({ sql: 'KILL 3221487622', values: [], protocol: 'text' });
    expect(obKill('query', '18446744073709551615')).toEqual({
      sql: 'KILL QUERY 18446744073709551615',
      values: [],
      protocol: 'text',
    });
    for (const bad of ['', '1 OR 1', '1; DROP TABLE t', '123456789012345678901', '-1', '1e3'])
      expect(() => obKill('session', bad)).toThrow(/not a session id/);
  });

  it('split an observer into ip and port, IPv6 included', () => {
    expect(splitObserver('10.0.0.11:2882')).toEqual({ ip: '10.0.0.11', port: '2882' });
    expect(splitObserver('fd00::11:2882')).toEqual({ ip: 'fd00::11', port: '2882' });
    expect(splitObserver('no-port')).toBeNull();
    expect(splitObserver(':2882')).toBeNull();
  });
});
