import type { KillResult, ListInput, Session, SessionPage } from '@tenant-sessions/contracts';
import type { TenantConfig } from '@tenant-sessions/plugin-server';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  connect,
  createAccount,
  createDatabase,
  type Database,
  endpoint,
  openVictim,
  type Victim,
  waitFor,
  waitUntilRunning,
} from '../support/db';
import { freePort, startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import {
  createObView,
  deleteObRow,
  insertObRows,
  liveOn,
  type ObColumnSet,
  type ObRow,
  victimUnknownTo,
} from '../support/oceanbase';
import { LONG_UPDATE, OB_ROWS } from '../support/oceanbase-rows';
import { refused } from '../support/refusal';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { refOf } from '../support/testServer';

// The OceanBase dialect against a schema fixture of GV$OB_PROCESSLIST (4.2's columns, then 4.3's,
// run one after the other), real KILLs of real victim connections whose ids the fixture rows carry,
// and mariadbds reporting OceanBase versions. No OceanBase server is involved. The fixture lives
// on a throwaway mariadbd of this file: `oceanbase` is a fixed name, and other runs of the suite
// (another engineer's, CI's) may share the test server at MYSQL_URL at the same time.
let url: string;
let fixture: ThrowawayServer;
let observer: ThrowawayServer;
let old: ThrowawayServer;
const ob = refOf('ob');

let admin: Connection;
let side: Account;
let limited: Account;
let carol: Account;

const obTenant = (tenantId: string, account: Account, extra: Partial<TenantConfig> = {}): TenantConfig => ({
  ...tenantOn(url, tenantId, { account }),
  dialect: 'oceanbase',
  ...extra,
});

const list = (sidecar: TestSidecar, input: Partial<ListInput> = {}, tenant = ob): Promise<SessionPage> =>
  sidecar.api.sessions.list.query({ ...tenant, pageSize: 1000, ...input });
const ids = (page: SessionPage) => page.rows.map((r) => r.id);
const row = (page: SessionPage, key: string): Session | undefined => page.rows.find((r) => r.key === key);

const kill = async (
  sidecar: TestSidecar,
  procedure: 'kill' | 'killQuery',
  sessionKeys: string[],
  tenant = ob,
  expected?: Record<string, { user: string; source: string }>,
): Promise<KillResult[]> =>
  (await sidecar.api.sessions[procedure].mutate({ ...tenant, sessionKeys, expected })).results;

/** A fixture row for a real victim of the test server, on a made-up observer 127.0.0.x. */
const victimRow = (victim: Victim, svrIp = '127.0.0.1', fields: Partial<ObRow> = {}): ObRow => ({
  svrIp,
  id: victim.id,
  user: carol.user,
  host: `127.0.0.1:${victim.localPort}`,
  db: 'NULL',
  command: 'Sleep',
  time: 1,
  state: 'SLEEP',
  userClientIp: '127.0.0.1',
  userClientPort: victim.localPort,
  ...fields,
});

/**
 * What OceanBase does when a session is closed: its rows leave the view. The fixture's rows do
 * not, so they are dropped once the victim is dead (else kill waits for them to go, in vain).
 */
const dropRowsOnceDead = async (victim: Victim, observers: string[]): Promise<void> => {
  await waitFor(async () => !(await victim.alive()), `victim ${victim.id} to be closed`);
  for (const svrIp of observers) await deleteObRow(admin, svrIp, victim.id);
};

beforeAll(async () => {
  // The fixture's server; one standing for an observer reached directly, reporting an OceanBase
  // version; one reporting OceanBase 3.x.
  [fixture, observer, old] = await Promise.all([
    startThrowawayMariadb(),
    startThrowawayMariadb(['--version=5.7.25-OceanBase_CE-v4.3.5.0']),
    startThrowawayMariadb(['--version=5.7.25-OceanBase-v3.2.4.1']),
  ]);
  url = fixture.url;
  admin = await connect(url);
  side = await createAccount(admin, 'obside', [
    'SELECT ON oceanbase.*',
    'PROCESS ON *.*',
    'CONNECTION ADMIN ON *.*',
  ]);
  limited = await createAccount(admin, 'oblimited', ['SELECT ON oceanbase.*']);
  carol = await createAccount(admin, 'obcarol');
});

afterAll(async () => {
  await admin?.end();
  await Promise.all([fixture?.stop(), observer?.stop(), old?.stop()]);
});

/** What both column sets must show alike (TIME and the client's port differ, and are checked). */
const sharedSuite = (set: ObColumnSet, sidecar: () => TestSidecar) => {
  it('lists the tenant: one row per session, OceanBase fields filled, ids exact', async () => {
    const page = await list(sidecar());
    expect(page).toMatchObject({
      dialect: 'oceanbase',
      visibility: 'all',
      total: 14,
      counts: { all: 14, active: 7 },
    });
    expect(ids(page).slice(0, 6)).toEqual([
      '3221487700',
      '3221487650',
      '3221487622',
      '3221553159',
      '18446744073709551615',
      '4294967296',
    ]);
    expect(row(page, '10.0.0.12:2882#3221553159')).toMatchObject({
      user: 'app_rw',
      source: '172.16.4.21',
      database: 'shop',
      command: 'Query',
      timeSeconds: set === '4.3' ? 187.204113 : 187,
      status: 'ACTIVE',
      state: 'ACTIVE',
      sqlPreview: LONG_UPDATE.slice(0, 256),
      sqlTruncated: true,
      observer: '10.0.0.12:2882',
      otherObservers: [],
      obproxy: '10.0.1.5:38210',
      proxySessionId: '756006681247547396',
      traceId: 'YB420A000B0D-00062F4AE96D6400-0-0',
      sqlId: '6F1C0B2A9D3E4F5061728394A5B6C7D8',
      transactionState: 'ACTIVE',
      protected: false,
    });
    expect(row(page, '10.0.0.11:2882#3221487622')).toMatchObject({
      source: set === '4.3' ? '10.0.2.7:49451' : '10.0.2.7',
      database: 'test',
      timeSeconds: set === '4.3' ? 631.462197 : 631,
      status: 'SLEEP',
      obproxy: null,
      proxySessionId: null,
      traceId: null,
      sqlId: null,
      transactionState: 'ACTIVE',
    });
    expect(row(page, '10.0.0.11:2882#3221487623')).toMatchObject({ database: null, transactionState: null });
    expect(row(page, '10.0.0.13:2882#3221618702')).toMatchObject({ status: 'KILLED', state: 'QUERY_KILLED' });
    expect(row(page, '10.0.0.11:2882#3221487650')).toMatchObject({
      status: 'KILLED',
      state: 'SESSION_KILLED',
    });
    expect(row(page, '10.0.0.12:2882#18446744073709551615')?.id).toBe('18446744073709551615');
    expect(row(page, '10.0.0.13:2882#4294967296')?.status).toBe('ACTIVE');
  });

  it('folds an id standing on two observers into one row, the ACTIVE one leading', async () => {
    const page = await list(sidecar(), { user: 'app_rw' });
    const folded = page.rows.filter((r) => r.id === '1073741890');
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({
      key: '10.0.0.12:2882#1073741890',
      status: 'ACTIVE',
      otherObservers: ['10.0.0.13:2882'],
      sqlPreview: 'SELECT * FROM orders WHERE id = 42 FOR UPDATE',
    });
  });

  it('counts sources by the client (never the proxy) and statements by SQL ID, drill-downs alike', async () => {
    const stats = await sidecar().api.sessions.stats.query({ ...ob });
    const source = (value: string) => stats.bySource.find((g) => g.value === value);
    expect(source('172.16.4.21')).toMatchObject({ total: 2, active: 2 });
    // Only OBProxy's own metadata session comes from the proxy's address; the proxied ones do not count there.
    expect(source('10.0.1.5')?.total).toBe(1);
    const bySqlId = stats.bySql.find((g) => g.value === '6F1C0B2A9D3E4F5061728394A5B6C7D8');
    expect(bySqlId).toMatchObject({ total: 1, active: 1 });
    expect(ids(await list(sidecar(), { group: { by: 'source', value: '172.16.4.21' } })).sort()).toEqual(
      ['3221553159', '3221618701'].sort(),
    );
    expect(ids(await list(sidecar(), { sqlId: '6f1c0b2a9d3e4f5061728394a5b6c7d8' }))).toEqual(['3221553159']);
    expect(stats.longestActiveSeconds).toBe(10_000);
  });

  it('filters (activeOnly, user, source, database), sorts and pages', async () => {
    expect(ids(await list(sidecar(), { activeOnly: true, user: 'APP_' }))).toEqual([
      '3221553159',
      '4294967296',
      '3221618701',
      '1073741890',
    ]);
    // The source is the client's own address: the proxy's is not in it.
    expect(ids(await list(sidecar(), { source: '172.16.4.2' })).sort()).toEqual(
      ['1073741890', '3221487650', '3221553159', '3221553160', '3221618701'].sort(),
    );
    expect(ids(await list(sidecar(), { source: '10.0.1.5' }))).toEqual(['3221487900']);
    expect((await list(sidecar(), { database: 'SHOP' })).total).toBe(7);
    const byId = await list(sidecar(), {
      sort: { column: 'id', direction: 'asc' },
      pageSize: 2,
      pageIndex: 0,
    });
    expect(ids(byId)).toEqual(['1073741890', '3221487622']);
    const last = await list(sidecar(), { sort: { column: 'id', direction: 'desc' }, pageSize: 1 });
    expect(ids(last)).toEqual(['18446744073709551615']);
    const byObserver = (await list(sidecar(), { sort: { column: 'observer', direction: 'asc' } })).rows;
    expect(byObserver.slice(0, 6).every((r) => r.observer === '10.0.0.11:2882')).toBe(true);
    expect(byObserver.slice(-3).every((r) => r.observer === '10.0.0.13:2882')).toBe(true);
  });

  it("reads only the named tenant's rows from sys (TENANT bound)", async () => {
    const page = await list(sidecar(), {}, refOf('ob-sys'));
    expect(page).toMatchObject({ total: 11, visibility: 'all' });
    expect(page.rows.some((r) => r.user === 'etl' || r.user === 'proxyro')).toBe(false);
    const other = await list(sidecar(), {}, refOf('ob-sys-other'));
    expect(ids(other).sort()).toEqual(['3221487800', '3221553300']);
  });

  it('says own-sessions-only for an account without PROCESS', async () => {
    expect((await list(sidecar(), {}, refOf('ob-limited'))).visibility).toBe('own-sessions-only');
  });

  it("reads a session's full SQL text, fresh, from the observer where it is ACTIVE", async () => {
    const sql = (sessionKey: string) => sidecar().api.sessions.sql.query({ ...ob, sessionKey });
    expect(await sql('10.0.0.12:2882#3221553159')).toMatchObject({ sql: LONG_UPDATE, found: true });
    expect(await sql('10.0.0.12:2882#1073741890')).toMatchObject({
      sql: 'SELECT * FROM orders WHERE id = 42 FOR UPDATE',
      found: true,
    });
    // The same session named by its other observer (sleeping there): its statement is the one
    // running on 10.0.0.12, where it is ACTIVE.
    expect(await sql('10.0.0.13:2882#1073741890')).toMatchObject({
      sql: 'SELECT * FROM orders WHERE id = 42 FOR UPDATE',
      found: true,
    });
    expect(await sql('10.0.0.11:2882#3221553159')).toMatchObject({ sql: null, found: false });
  });

  it('protects inner sessions and proxyro, sending no KILL', async () => {
    const page = await list(sidecar());
    expect(row(page, '10.0.0.11:2882#3221487700')).toMatchObject({
      protected: true,
      protectedReason: 'an inner session of OceanBase (Daemno)',
    });
    const results = await kill(sidecar(), 'kill', ['10.0.0.11:2882#3221487700', '10.0.0.11:2882#3221487900']);
    expect(results.map((r) => [r.outcome, r.message])).toEqual([
      ['protected', 'Never closed from here: an inner session of OceanBase (Daemno)'],
      ['protected', "Never closed from here: OBProxy's metadata account (proxyro)"],
    ]);
  });

  it('answers not_found for an id no server has (1094), and for a key not in the view', async () => {
    const results = await kill(sidecar(), 'killQuery', [
      '10.0.0.11:2882#3221487622',
      '10.0.0.11:2882#3221487624',
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['not_found', 'not_found']);
    expect(results[0]?.message).toBe('Session 3221487622 ended before it could be closed');
    expect(results[1]?.message).toMatch(/is not on .* any more/);
    // From sys, another tenant's session is not this tenant's: nothing is sent.
    const [other] = await kill(sidecar(), 'kill', ['10.0.0.11:2882#3221487800'], refOf('ob-sys'));
    expect(other?.outcome).toBe('not_found');
    expect(other?.message).toMatch(/is not on .* any more/);
  });
};

for (const set of ['4.2', '4.3'] as const) {
  describe(`OceanBase ${set} column set`, () => {
    let sidecar: TestSidecar;
    beforeAll(async () => {
      await createObView(admin, set);
      await insertObRows(admin, set, OB_ROWS);
      sidecar = await startSidecar([
        obTenant('ob', side),
        obTenant('ob-sys', side, { scope: { kind: 'sys', tenantName: 'mysql001' } }),
        obTenant('ob-sys-other', side, { scope: { kind: 'sys', tenantName: 't_other' } }),
        obTenant('ob-limited', limited),
      ]);
    });
    afterAll(async () => {
      await sidecar?.stop();
    });
    sharedSuite(set, () => sidecar);
  });
}

describe('kills through the fixture (4.3 column set), with real victims', () => {
  let sidecar: TestSidecar;
  let proxyish: Database;

  beforeAll(async () => {
    const direct = await connect(observer.url);
    await direct.query('CREATE USER ?@? IDENTIFIED BY ?', [side.user, '%', side.password]);
    await direct.query('GRANT ALL ON *.* TO ?@?', [side.user, '%']);
    await createObView(direct, '4.3');
    await insertObRows(direct, '4.3', OB_ROWS.slice(0, 2));
    await direct.end();
    await createObView(admin, '4.3');
    await insertObRows(admin, '4.3', OB_ROWS);
    // `SELECT proxy_version()` answers in this database, as it does only through OBProxy.
    proxyish = await createDatabase(admin, 'obproxy');
    await admin.query(
      `CREATE FUNCTION \`${proxyish.name}\`.proxy_version() RETURNS varchar(32) DETERMINISTIC RETURN '4.2.3.0'`,
    );
    await admin.query(`GRANT EXECUTE ON \`${proxyish.name}\`.* TO ?@?`, [side.user, '%']);
    const detectedProxy = obTenant('ob-proxy', side, { directAccess: true });
    sidecar = await startSidecar([
      obTenant('ob', side),
      obTenant('ob-limited', limited),
      { ...detectedProxy, connection: { ...detectedProxy.connection, database: proxyish.name } },
      obTenant('ob-proxy-closed', side, { viaObproxy: true }),
      { ...tenantOn(observer.url, 'detected', { account: side }) },
      { ...tenantOn(old.url, 'old') },
    ]);
  });
  afterAll(async () => {
    await sidecar?.stop();
    await proxyish?.drop();
  });

  it('closes the current query of a real session named by a fixture row (KILL QUERY as text)', async () => {
    const victim = await openVictim(url, carol);
    const ended = victim.busy();
    await waitUntilRunning(admin, victim.id);
    await insertObRows(admin, '4.3', [victimRow(victim, '127.0.0.1', { command: 'Query', state: 'ACTIVE' })]);
    try {
      const key = `127.0.0.1:2882#${victim.id}`;
      expect(row(await list(sidecar), key)?.source).toBe(`127.0.0.1:${victim.localPort}`);
      expect(await kill(sidecar, 'killQuery', [key])).toEqual([
        { sessionKey: key, outcome: 'killed', message: null, code: 'killed', params: {} },
      ]);
      expect((await ended)?.errno).toBe(1317);
      expect(await victim.alive()).toBe(true);
    } finally {
      await deleteObRow(admin, '127.0.0.1', victim.id);
      await victim.close();
    }
  });

  it('closes a session folded from two observers with one KILL, whichever of its keys are named', async () => {
    const victim = await openVictim(url, carol);
    await insertObRows(admin, '4.3', [victimRow(victim, '127.0.0.1'), victimRow(victim, '127.0.0.2')]);
    try {
      const [first, second] = [`127.0.0.1:2882#${victim.id}`, `127.0.0.2:2882#${victim.id}`];
      expect(row(await list(sidecar), first)?.otherObservers).toEqual(['127.0.0.2:2882']);
      const [results] = await Promise.all([
        kill(sidecar, 'kill', [first, second]),
        dropRowsOnceDead(victim, ['127.0.0.1', '127.0.0.2']),
      ]);
      // A second KILL would have answered "unknown thread" (not_found).
      expect(results).toEqual([
        { sessionKey: first, outcome: 'killed', message: null, code: 'killed', params: {} },
        {
          sessionKey: second,
          outcome: 'killed',
          message: `The same session as ${first}, on another observer: one KILL was sent for both`,
          code: 'same_session',
          params: { id: victim.id, firstKey: first },
        },
      ]);
      expect(await victim.alive()).toBe(false);
    } finally {
      await deleteObRow(admin, '127.0.0.1', victim.id);
      await deleteObRow(admin, '127.0.0.2', victim.id);
      await victim.close();
    }
  });

  it("protects the sidecar's own connections, sending no KILL", async () => {
    await list(sidecar);
    const [own] = await admin.query<RowDataPacket[]>(
      'SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ? ORDER BY ID LIMIT 1',
      [side.user],
    );
    const id = String(own[0]?.ID);
    await insertObRows(admin, '4.3', [{ ...victimRow({ id, localPort: 1 } as Victim), user: side.user }]);
    try {
      const key = `127.0.0.1:2882#${id}`;
      expect(row(await list(sidecar), key)?.protectedReason).toBe("one of this sidecar's own connections");
      expect((await kill(sidecar, 'kill', [key]))[0]?.outcome).toBe('protected');
      expect(await liveOn(admin, id)).toBe(true);
    } finally {
      await deleteObRow(admin, '127.0.0.1', id);
    }
  });

  it('answers denied naming SUPER when the account may not kill other users, and changed for another owner', async () => {
    const victim = await openVictim(url, carol);
    await insertObRows(admin, '4.3', [victimRow(victim)]);
    const key = `127.0.0.1:2882#${victim.id}`;
    try {
      const [denied] = await kill(sidecar, 'kill', [key], refOf('ob-limited'));
      expect(denied?.outcome).toBe('denied');
      expect(denied?.message).toMatch(new RegExp(`${limited.user} .*grant it SUPER`));
      const [changed] = await kill(sidecar, 'kill', [key], ob, {
        [key]: { user: 'dave', source: '10.9.9.9' },
      });
      expect(changed?.outcome).toBe('changed');
      expect(await victim.alive()).toBe(true);
    } finally {
      await deleteObRow(admin, '127.0.0.1', victim.id);
      await victim.close();
    }
  });

  it('answers query.still_running when KILL QUERY is answered OK and the same statement goes on running', async () => {
    // OceanBase 4.2.5+ answers OK to KILL QUERY of a client session id on every observer, even
    // where nothing ran: here the real server answers OK (the victim is idle) while the fixture
    // row goes on showing the same statement, its time not reset.
    const victim = await openVictim(url, carol);
    const statement = 'SELECT SLEEP(600) /* still running */';
    await insertObRows(admin, '4.3', [
      victimRow(victim, '127.0.0.1', { command: 'Query', state: 'ACTIVE', time: 42, info: statement }),
    ]);
    const key = `127.0.0.1:2882#${victim.id}`;
    try {
      const [result] = await kill(sidecar, 'killQuery', [key]);
      expect(result).toMatchObject({
        outcome: 'error',
        code: 'query.still_running',
        params: { id: victim.id },
      });
      expect(result?.message).toMatch(/still runs the same statement/);
      expect(await victim.alive()).toBe(true);
    } finally {
      await deleteObRow(admin, '127.0.0.1', victim.id);
      await victim.close();
    }
  });

  it('answers denied.inner_session for a 1095 its own account could not have been refused for', async () => {
    // OceanBase refuses an inner session (is_real_inner_session) with 1095 before any privilege is
    // checked. The fixture row says the session is the sidecar's own user's; the real server
    // answers 1095 as OceanBase would (the id is another user's connection).
    const victim = await openVictim(url, carol);
    await insertObRows(admin, '4.3', [victimRow(victim, '127.0.0.1', { user: limited.user })]);
    const key = `127.0.0.1:2882#${victim.id}`;
    try {
      const [inner] = await kill(sidecar, 'kill', [key], refOf('ob-limited'));
      expect(inner).toMatchObject({
        outcome: 'denied',
        code: 'denied.inner_session',
        params: { id: victim.id },
      });
      expect(inner?.message).toMatch(/inner session of the OceanBase server/);
      expect(inner?.message).not.toMatch(/grant/);
      expect(await victim.alive()).toBe(true);
    } finally {
      await deleteObRow(admin, '127.0.0.1', victim.id);
      await victim.close();
    }
  });

  it('through OBProxy (configured, or detected by proxy_version()), retries an "unknown thread" on the observer directly when directAccess allows', async () => {
    const victim = await victimUnknownTo(admin, url, observer);
    const key = `127.0.0.1:2882#${victim.id}`;
    await insertObRows(admin, '4.3', [
      victimRow(victim, '127.0.0.1', {
        user: 'root',
        host: '10.0.1.5:50000',
        proxySessid: '756006681247547500',
        sqlPort: observer.port,
      }),
    ]);
    try {
      const closed = await kill(sidecar, 'kill', [key], refOf('ob-proxy-closed'));
      expect(closed[0]?.outcome).toBe('not_found');
      expect(closed[0]?.message).toMatch(/direct access is off for this tenant.*"directAccess": true/);
      expect(closed[0]?.message).toContain(`127.0.0.1:${observer.port}`);
      expect(await victim.alive()).toBe(true);

      expect(await liveOn(admin, victim.id)).toBe(false);
      const [[retried]] = await Promise.all([
        kill(sidecar, 'kill', [key], refOf('ob-proxy')),
        dropRowsOnceDead(victim, ['127.0.0.1']),
      ]);
      expect(retried?.outcome).toBe('killed');
      expect(retried?.message).toMatch(
        new RegExp(
          `does not know session ${victim.id}.*closed on a direct connection to its observer 127\\.0\\.0\\.1:${observer.port}`,
        ),
      );
      expect(await victim.alive()).toBe(false);
    } finally {
      await deleteObRow(admin, '127.0.0.1', victim.id);
      await victim.close();
    }
  });

  it('says what the direct retry found: unknown there too, or the observer not answering', async () => {
    const closedPort = await freePort();
    const proxied = { user: 'app_rw', host: '10.0.1.5:50001', proxySessid: '756006681247547501' };
    const rows: ObRow[] = [
      { ...OB_ROWS[0], ...proxied, svrIp: '127.0.0.1', id: '4294967295', sqlPort: observer.port } as ObRow,
      { ...OB_ROWS[0], ...proxied, svrIp: '127.0.0.1', id: '4294967294', sqlPort: closedPort } as ObRow,
    ];
    await insertObRows(admin, '4.3', rows);
    try {
      const results = await kill(
        sidecar,
        'killQuery',
        ['127.0.0.1:2882#4294967295', '127.0.0.1:2882#4294967294'],
        refOf('ob-proxy'),
      );
      expect(results.map((r) => r.outcome)).toEqual(['not_found', 'error']);
      expect(results[0]?.message).toBe(
        `Session 4294967295 is unknown to OBProxy at ${endpoint(url).host}:${endpoint(url).port} and to its observer 127.0.0.1:${observer.port} (tried both): it has ended`,
      );
      expect(results[1]?.message).toMatch(
        new RegExp(`direct retry on its observer 127\\.0\\.0\\.1:${closedPort} failed: .*ECONNREFUSED`),
      );
    } finally {
      await deleteObRow(admin, '127.0.0.1', '4294967295');
      await deleteObRow(admin, '127.0.0.1', '4294967294');
    }
  });

  it('detects OceanBase 4.x from VERSION(), and refuses 3.x with UNSUPPORTED naming the version', async () => {
    const page = await list(sidecar, {}, refOf('detected'));
    expect(page).toMatchObject({
      dialect: 'oceanbase',
      serverVersion: '5.7.25-OceanBase_CE-v4.3.5.0',
      total: 2,
    });
    const unsupported = await refused(sidecar.api.sessions.list.query(refOf('old')), 501, 'UNSUPPORTED');
    expect(unsupported.message).toBe(
      'Tenant test/old: OceanBase 3.2.4.1: sessions need OceanBase 4.0 or later (GV$OB_PROCESSLIST)',
    );
  });
});
