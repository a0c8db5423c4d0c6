import { describe, expect, it } from 'vitest';
import { foldSessions } from './fold';
import { obProtectedReason } from './protection';
import { directAddressOf, obRowToSession } from './rows';

// Rows shaped as GV$OB_PROCESSLIST answers sql.ts's select (values from the docs' examples).
const direct = {
  svr_ip: '10.0.0.11',
  svr_port: '2882',
  sql_port: '2881',
  id: '3221487623',
  user: 'root',
  host: '10.0.2.7:14422',
  db: 'NULL',
  command: 'Query',
  time_seconds: 0.005717,
  state: 'ACTIVE',
  info_head: 'SELECT * FROM oceanbase.GV$OB_PROCESSLIST',
  info_length: '41',
  proxy_sessid: null,
  user_client_ip: '10.0.2.7',
  user_client_port: '14422',
  trace_id: 'YB420A000B0C-00062F4AE96D63E9-0-0',
  sql_id: '2E175335D36600B7A8EC72C5094888DD',
  trans_state: '',
};
const proxied = {
  ...direct,
  svr_ip: '10.0.0.12',
  id: '3221553160',
  user: 'app_ro',
  host: '10.0.1.5:38244',
  db: 'shop',
  command: 'Sleep',
  time_seconds: '42',
  state: 'SLEEP',
  info_head: null,
  info_length: null,
  proxy_sessid: '756006681247547401',
  user_client_ip: '172.16.4.22',
  user_client_port: '0',
  trace_id: null,
  sql_id: '',
  trans_state: 'ACTIVE',
};

describe('a GV$OB_PROCESSLIST row as a Session', () => {
  it('maps a direct client: observer, source with its port, no proxy, OceanBase fields', () => {
    expect(obRowToSession(direct)).toEqual({
      key: '10.0.0.11:2882#3221487623',
      id: '3221487623',
      user: 'root',
      source: '10.0.2.7:14422',
      database: null,
      command: 'Query',
      timeSeconds: 0.005717,
      status: 'ACTIVE',
      state: 'ACTIVE',
      sqlPreview: 'SELECT * FROM oceanbase.GV$OB_PROCESSLIST',
      sqlTruncated: false,
      // Grouped by its SQL ID: no digest of its own.
      sqlDigest: null,
      observer: '10.0.0.11:2882',
      otherObservers: [],
      obproxy: null,
      proxySessionId: null,
      traceId: 'YB420A000B0C-00062F4AE96D63E9-0-0',
      sqlId: '2E175335D36600B7A8EC72C5094888DD',
      transactionState: null,
      protected: false,
      protectedReason: null,
      // No reading yet: the snapshot's lock read fills these.
      transactionSeconds: null,
      blockedBy: [],
      blocking: 0,
    });
  });

  it('maps a client through OBProxy: the proxy as obproxy, the client as source, never the proxy', () => {
    expect(obRowToSession(proxied)).toMatchObject({
      key: '10.0.0.12:2882#3221553160',
      source: '172.16.4.22',
      obproxy: '10.0.1.5:38244',
      proxySessionId: '756006681247547401',
      database: 'shop',
      status: 'SLEEP',
      timeSeconds: 42,
      sqlPreview: null,
      traceId: null,
      sqlId: null,
      transactionState: 'ACTIVE',
    });
    const { user_client_port: _, ...v42 } = proxied;
    expect(obRowToSession({ ...v42, user_client_ip: null }).source).toBe('');
    const { user_client_port: __, ...directV42 } = direct;
    expect(obRowToSession(directV42).source).toBe('10.0.2.7');
  });

  it.each([
    ['ACTIVE', 'Sleep', 'ACTIVE'],
    ['SLEEP', 'Query', 'SLEEP'],
    ['INIT', 'Connect', 'SLEEP'],
    ['QUERY_KILLED', 'Query', 'KILLED'],
    ['SESSION_KILLED', 'Sleep', 'KILLED'],
    ['QUERY_DEADLOCKED', 'Query', 'ACTIVE'],
    [null, 'Sleep', 'SLEEP'],
  ])('takes the status from STATE %s (command %s) → %s', (state, command, status) => {
    expect(obRowToSession({ ...direct, state, command }).status).toBe(status);
  });

  it('cuts a long SQL to 256 characters and says so', () => {
    const long = `SELECT ${'x'.repeat(300)}`;
    const mapped = obRowToSession({ ...direct, info_head: long.slice(0, 257), info_length: long.length });
    expect(mapped.sqlPreview).toHaveLength(256);
    expect(mapped.sqlTruncated).toBe(true);
  });

  it("names the row's observer SQL port for a direct connection", () => {
    expect(directAddressOf(proxied)).toEqual({
      key: '10.0.0.12:2882#3221553160',
      host: '10.0.0.12',
      port: 2881,
    });
    expect(directAddressOf({ ...proxied, sql_port: '0' })).toBeNull();
  });
});

describe('folding the same id on several observers', () => {
  const on = (svr_ip: string, state: string, id = '42') => obRowToSession({ ...direct, svr_ip, state, id });

  it('keeps one row, the ACTIVE one leading, the others listed', () => {
    const folded = foldSessions([
      on('10.0.0.13', 'SLEEP'),
      on('10.0.0.11', 'ACTIVE'),
      on('10.0.0.12', 'SLEEP'),
      on('10.0.0.11', 'SLEEP', '7'),
    ]);
    expect(folded.map((s) => [s.key, s.otherObservers])).toEqual([
      ['10.0.0.11:2882#42', ['10.0.0.12:2882', '10.0.0.13:2882']],
      ['10.0.0.11:2882#7', []],
    ]);
  });

  it("keeps the order of the list, a folded row in its id's first place", () => {
    const folded = foldSessions([
      on('10.0.0.11', 'SLEEP', '1'),
      on('10.0.0.11', 'SLEEP', '2'),
      on('10.0.0.12', 'SLEEP', '3'),
      on('10.0.0.13', 'ACTIVE', '1'),
      on('10.0.0.12', 'SLEEP', '4'),
    ]);
    expect(folded.map((s) => s.key)).toEqual([
      '10.0.0.13:2882#1',
      '10.0.0.11:2882#2',
      '10.0.0.12:2882#3',
      '10.0.0.12:2882#4',
    ]);
  });

  it('answers a list without repeated ids as it is, every row unfolded', () => {
    const list = [on('10.0.0.11', 'SLEEP', '1'), on('10.0.0.12', 'ACTIVE', '2')];
    const folded = foldSessions(list);
    expect(folded).toEqual(list);
    expect(folded.every((s) => s.otherObservers.length === 0)).toBe(true);
  });

  it('leads with the first row when none is ACTIVE', () => {
    const [one] = foldSessions([on('10.0.0.13', 'SLEEP'), on('10.0.0.11', 'SLEEP')]);
    expect([one?.observer, one?.otherObservers]).toEqual(['10.0.0.13:2882', ['10.0.0.11:2882']]);
  });
});

describe('OceanBase inner sessions', () => {
  it.each([
    [{ command: 'Daemno' }, /inner session/],
    [{ command: 'Daemon' }, /inner session/],
    [{ command: 'Delete session' }, /inner session/],
    [{ command: 'Binlog dump' }, /binlog service/],
    [{ command: 'Binlog dump gtid' }, /binlog service/],
    [{ user: 'proxyro', command: 'Sleep' }, /OBProxy's metadata account/],
  ])('are protected: %j', (fields, reason) => {
    expect(obProtectedReason({ ...obRowToSession(direct), ...fields })).toMatch(reason);
  });

  it('leave client sessions (OCP accounts included) unprotected', () => {
    expect(obProtectedReason(obRowToSession(direct))).toBeNull();
    expect(obProtectedReason({ ...obRowToSession(proxied), user: 'ocp_monitor' })).toBeNull();
  });
});
