import { randomBytes } from 'node:crypto';
import type { ListInput, Session, SessionPage } from '@tenant-sessions/contracts';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  connect,
  createAccount,
  createDatabase,
  type Database,
  openVictim,
  type Victim,
  waitUntilRunning,
} from '../support/db';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { host, main, port, url } from '../support/testServer';

let admin: Connection;
let sidecar: TestSidecar;
let alice: Account;
let bob: Account;
let orders: Database;
let victims: { idle: Victim; busy: Victim; bobIdle: Victim; bobBusy: Victim };
const running: Array<Promise<unknown>> = [];

const list = (input: Partial<ListInput> = {}): Promise<SessionPage> =>
  sidecar.api.sessions.list.query({ ...main, pageSize: 1000, ...input });
const ids = (rows: Session[]) => rows.map((r) => r.id).sort();
/** A user filter only this run's accounts match (other runs may share the test server). */
const TAG = randomBytes(3).toString('hex');
const MINE = `ts_l${TAG}`;
const mine = (rows: Session[]) => rows.filter((r) => r.user === alice.user || r.user === bob.user);

beforeAll(async () => {
  admin = await connect(url);
  orders = await createDatabase(admin, 'orders');
  alice = await createAccount(admin, `l${TAG}a`, [`ALL ON \`${orders.name}\`.*`]);
  bob = await createAccount(admin, `l${TAG}b`);
  victims = {
    idle: await openVictim(url, alice, orders.name),
    busy: await openVictim(url, alice, orders.name),
    bobIdle: await openVictim(url, bob),
    bobBusy: await openVictim(url, bob),
  };
  running.push(victims.busy.busy(), victims.bobBusy.busy());
  await waitUntilRunning(admin, victims.busy.id);
  await waitUntilRunning(admin, victims.bobBusy.id);
  sidecar = await startSidecar([tenantOn(url, 'main')]);
});

afterAll(async () => {
  await sidecar?.stop();
  for (const victim of Object.values(victims ?? {})) await victim.close();
  await alice?.drop();
  await bob?.drop();
  await orders?.drop();
  await admin?.end();
});

describe('sessions.list against a real MariaDB', () => {
  it('shows each victim with its user, source, database, command, status, time and SQL', async () => {
    const page = await list({ user: alice.user });
    expect(page.dialect).toBe('mariadb');
    expect(page.visibility).toBe('all');
    expect(page.serverVersion).toMatch(/MariaDB/);
    const busy = page.rows.find((r) => r.id === victims.busy.id);
    expect(busy).toMatchObject({
      key: `${host}:${port}#${victims.busy.id}`,
      user: alice.user,
      database: orders.name,
      command: 'Query',
      status: 'ACTIVE',
      state: 'User sleep',
      sqlPreview: 'SELECT 1 FROM DUAL WHERE SLEEP(30)',
      sqlTruncated: false,
      observer: `${host}:${port}`,
      otherObservers: [],
      obproxy: null,
      protected: false,
      protectedReason: null,
    });
    expect(busy?.source).toMatch(new RegExp(`:${victims.busy.localPort}$`));
    expect(busy?.timeSeconds).toBeGreaterThan(0);
    expect(busy?.timeSeconds).toBeLessThan(30);
    const idle = page.rows.find((r) => r.id === victims.idle.id);
    expect(idle).toMatchObject({ command: 'Sleep', status: 'SLEEP', sqlPreview: null, sqlTruncated: false });
    expect(idle?.source).toMatch(new RegExp(`:${victims.idle.localPort}$`));
  });

  it('filters by user, source and database: case-insensitive substrings', async () => {
    expect(ids((await list({ user: alice.user.toUpperCase() })).rows)).toEqual(
      ids([victims.idle, victims.busy] as never),
    );
    expect(ids((await list({ user: bob.user })).rows)).toEqual(
      ids([victims.bobIdle, victims.bobBusy] as never),
    );
    expect(ids((await list({ database: orders.name.toUpperCase().slice(3) })).rows)).toEqual(
      ids([victims.idle, victims.busy] as never),
    );
    const bySource = await list({ source: `:${victims.bobIdle.localPort}` });
    expect(bySource.rows.map((r) => r.id)).toEqual([victims.bobIdle.id]);
  });

  it('takes %, _ and \\ literally, and a quote does nothing but match', async () => {
    for (const needle of ['%', '_%', '\\', "' OR 1=1 -- ", '%%']) {
      const page = await list({ user: needle });
      expect(page.rows.filter((r) => !r.user.includes(needle))).toEqual([]);
      expect(mine(page.rows)).toEqual([]);
    }
    // `_` is a literal underscore: every test account has one, so all four victims match.
    expect(ids(mine((await list({ user: MINE })).rows))).toEqual(ids(Object.values(victims) as never).sort());
    expect(mine((await list({ user: 'ts%' })).rows)).toEqual([]);
  });

  it('shows only running sessions with activeOnly', async () => {
    const page = await list({ activeOnly: true, user: MINE });
    expect(ids(mine(page.rows))).toEqual(ids([victims.busy, victims.bobBusy] as never));
    expect(page.rows.every((r) => r.status === 'ACTIVE')).toBe(true);
  });

  it('counts every session before filters, and total after them', async () => {
    const everything = await list();
    expect(everything.counts.all).toBe(everything.rows.length);
    expect(everything.counts.active).toBe(everything.rows.filter((r) => r.status === 'ACTIVE').length);
    expect(everything.total).toBe(everything.rows.length);
    const filtered = await list({ user: bob.user, activeOnly: true });
    expect(filtered.total).toBe(1);
    expect(filtered.counts.all).toBeGreaterThanOrEqual(4);
    expect(filtered.counts.active).toBeGreaterThanOrEqual(2);
  });

  it('sorts by each column in both directions, and pages through the result', async () => {
    const mineOnly = { user: MINE, sort: { column: 'timeSeconds', direction: 'desc' } } as const;
    const byTime = mine((await list(mineOnly)).rows);
    expect(byTime.map((r) => r.timeSeconds)).toEqual(
      [...byTime.map((r) => r.timeSeconds)].sort((a, b) => b - a),
    );
    const byUserAsc = mine((await list({ user: MINE, sort: { column: 'user', direction: 'asc' } })).rows);
    expect(byUserAsc.map((r) => r.user)).toEqual([alice.user, alice.user, bob.user, bob.user]);
    const byUserDesc = mine((await list({ user: MINE, sort: { column: 'user', direction: 'desc' } })).rows);
    expect(byUserDesc.map((r) => r.user)).toEqual([bob.user, bob.user, alice.user, alice.user]);
    const byId = mine((await list({ user: MINE, sort: { column: 'id', direction: 'asc' } })).rows);
    expect(byId.map((r) => r.id)).toEqual([...byId.map((r) => r.id)].sort((a, b) => Number(a) - Number(b)));
    for (const column of ['source', 'database', 'command', 'status', 'observer'] as const)
      for (const direction of ['asc', 'desc'] as const) {
        const page = await list({ user: MINE, sort: { column, direction } });
        expect(page.total).toBe(mine(page.rows).length);
      }
    const pages = [];
    for (let pageIndex = 0; pageIndex < 3; pageIndex++)
      pages.push(
        await list({
          database: orders.name,
          pageSize: 1,
          pageIndex,
          sort: { column: 'id', direction: 'asc' },
        }),
      );
    expect(pages.map((p) => p.total)).toEqual([2, 2, 2]);
    expect(pages.map((p) => p.rows.map((r) => r.id))).toEqual([
      [[victims.idle.id, victims.busy.id].sort((a, b) => Number(a) - Number(b))[0]],
      [[victims.idle.id, victims.busy.id].sort((a, b) => Number(a) - Number(b))[1]],
      [],
    ]);
  });

  it("marks the sidecar's own connection protected", async () => {
    const page = await list({ user: new URL(url).username || 'root' });
    const own = page.rows.filter((r) => r.protected);
    expect(own.length).toBeGreaterThan(0);
    expect(own.some((r) => r.sqlPreview?.includes('TIME_MS'))).toBe(true);
    expect(own.every((r) => r.protectedReason === "one of this sidecar's own connections")).toBe(true);
  });
});
