import type { ListInput, SessionPage } from '@tenant-sessions/contracts';
import type { TenantConfig } from '@tenant-sessions/plugin-server';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount } from '../support/db';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { createObView, insertObRows } from '../support/oceanbase';
import {
  createObLockViews,
  insertObLocks,
  insertObTenants,
  insertObTransactions,
  type ObTransaction,
  type ObWait,
} from '../support/oceanbase-locks';
import { OB_ROWS } from '../support/oceanbase-rows';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { refOf } from '../support/testServer';

// The OceanBase lock read against schema fixtures of GV$OB_TRANSACTION_SCHEDULERS, GV$OB_LOCKS and
// DBA_OB_TENANTS beside the GV$OB_PROCESSLIST fixture (OB_ROWS), on a throwaway mariadbd of this
// file. No OceanBase server is involved: what is checked is the dialect's statement and the join,
// against rows shaped as OceanBase documents them.
let fixture: ThrowawayServer;
let admin: Connection;
let side: Account;
let processlistOnly: Account;
let sidecar: TestSidecar;

const obTenant = (tenantId: string, account: Account, extra: Partial<TenantConfig> = {}): TenantConfig => ({
  ...tenantOn(fixture.url, tenantId, { account }),
  dialect: 'oceanbase',
  ...extra,
});
const list = (tenantId: string, input: Partial<ListInput> = {}): Promise<SessionPage> =>
  sidecar.api.sessions.list.query({ ...refOf(tenantId), pageSize: 1000, ...input });
const byKey = (page: SessionPage) => new Map(page.rows.map((r) => [r.key, r]));

// mysql001 (tenant 1002): a root session sleeping in a transaction for 600 s holds a row; an
// app_rw statement on 10.0.0.12 waits for it, and the client session 1073741890 (on two observers,
// folded) waits for that one: holder -> W1 -> W2.
const HOLDER = { sessionId: '3221487622', txId: '7414198' };
const W1 = { sessionId: '3221553159', txId: '7414301' };
const W2 = { sessionId: '1073741890', txId: '7414302' };
const TRANSACTIONS: ObTransaction[] = [
  { tenantId: 1002, svrIp: '10.0.0.11', ...HOLDER, ageSeconds: 600 },
  { tenantId: 1002, svrIp: '10.0.0.12', ...W1, ageSeconds: 180 },
  { tenantId: 1002, svrIp: '10.0.0.12', ...W2, ageSeconds: 2 },
];
const WAITS: ObWait[] = [
  { tenantId: 1002, svrIp: '10.0.0.12', waiter: W1, holder: HOLDER },
  { tenantId: 1002, svrIp: '10.0.0.12', waiter: W2, holder: W1 },
];
// t_other (tenant 1004) reuses the same transaction ids (they are unique within a tenant only).
const OTHER_TRANSACTIONS: ObTransaction[] = [
  { tenantId: 1004, svrIp: '10.0.0.11', sessionId: '3221487800', txId: HOLDER.txId, ageSeconds: 30 },
  { tenantId: 1004, svrIp: '10.0.0.12', sessionId: '3221553300', txId: W1.txId, ageSeconds: 8 },
];
const OTHER_WAITS: ObWait[] = [
  {
    tenantId: 1004,
    svrIp: '10.0.0.11',
    waiter: { sessionId: '3221553300', txId: W1.txId },
    holder: { sessionId: '3221487800', txId: HOLDER.txId },
  },
];

const holderKey = '10.0.0.11:2882#3221487622';
const w1Key = '10.0.0.12:2882#3221553159';
const w2Key = '10.0.0.12:2882#1073741890';

beforeAll(async () => {
  fixture = await startThrowawayMariadb();
  admin = await connect(fixture.url);
  await createObView(admin, '4.3');
  await insertObRows(admin, '4.3', OB_ROWS);
  await createObLockViews(admin);
  await insertObTenants(admin, [
    [1, 'sys'],
    [1002, 'mysql001'],
    [1004, 't_other'],
  ]);
  await insertObTransactions(admin, TRANSACTIONS);
  await insertObLocks(admin, WAITS);
  side = await createAccount(admin, 'oblocks', ['SELECT ON oceanbase.*', 'PROCESS ON *.*']);
  processlistOnly = await createAccount(admin, 'obnolocks', [
    'SELECT ON oceanbase.`GV$OB_PROCESSLIST`',
    'PROCESS ON *.*',
  ]);
  sidecar = await startSidecar([
    obTenant('ob', side),
    obTenant('ob-sys', side, { scope: { kind: 'sys', tenantName: 'mysql001' } }),
    obTenant('ob-nolocks', processlistOnly),
  ]);
});

afterAll(async () => {
  await sidecar?.stop();
  await admin?.end();
  await fixture?.stop();
});

describe('OceanBase: sessions and locks from GV$OB_TRANSACTION_SCHEDULERS and GV$OB_LOCKS', () => {
  it.each(['ob', 'ob-sys'])(
    '%s: ages, who waits on whom (folded keys), the chain counted',
    async (tenant) => {
      const page = await list(tenant);
      expect(page.locks).toEqual({ available: true, reason: null });
      const rows = byKey(page);
      const holder = rows.get(holderKey);
      expect(holder).toMatchObject({
        status: 'SLEEP',
        transactionState: 'ACTIVE',
        blocking: 2,
        blockedBy: [],
      });
      expect(holder?.transactionSeconds).toBeGreaterThanOrEqual(600);
      expect(holder?.transactionSeconds).toBeLessThan(630);
      expect(rows.get(w1Key)).toMatchObject({ blocking: 1, blockedBy: [holderKey] });
      expect(rows.get(w1Key)?.transactionSeconds).toBeGreaterThanOrEqual(180);
      // The folded session (ACTIVE on 10.0.0.12, also on 10.0.0.13) is joined by its id.
      expect(rows.get(w2Key)).toMatchObject({
        blocking: 0,
        blockedBy: [w1Key],
        otherObservers: ['10.0.0.13:2882'],
      });
      // Sessions without a transaction read as none.
      expect(rows.get('10.0.0.12:2882#3221553160')).toMatchObject({
        transactionSeconds: null,
        blockedBy: [],
        blocking: 0,
      });
    },
  );

  it("sys scope: only the named tenant's transactions, though another tenant reuses the same ids", async () => {
    await insertObTransactions(admin, OTHER_TRANSACTIONS);
    await insertObLocks(admin, OTHER_WAITS);
    try {
      const rows = byKey(await list('ob-sys'));
      expect(rows.get(holderKey)?.blocking).toBe(2);
      expect(rows.get(holderKey)?.transactionSeconds).toBeGreaterThanOrEqual(600);
      expect(rows.get(w1Key)?.blockedBy).toEqual([holderKey]);
      expect(rows.has('10.0.0.11:2882#3221487800')).toBe(false);
    } finally {
      await admin.query('DELETE FROM oceanbase.`GV$OB_TRANSACTION_SCHEDULERS` WHERE TENANT_ID = 1004');
      await admin.query('DELETE FROM oceanbase.`GV$OB_LOCKS` WHERE TENANT_ID = 1004');
    }
  });

  it('an account that may read the processlist but not the lock views: the list, locks not available and why', async () => {
    const page = await list('ob-nolocks');
    expect(page.rows.length).toBe(OB_ROWS.length - 1);
    expect(page.locks?.available).toBe(false);
    expect(page.locks?.reason).toMatch(
      /^This account may not read the lock tables: it needs SELECT on GV\$OB_TRANSACTION_SCHEDULERS and GV\$OB_LOCKS \(oceanbase\.\*\) \(SELECT command denied/,
    );
    expect(page.rows.every((r) => r.transactionSeconds === null && r.blocking === 0)).toBe(true);
  });

  it('a server without the lock views (before 4.2.1): the list, locks not available, naming the version', async () => {
    await admin.query('DROP TABLE oceanbase.`GV$OB_LOCKS`');
    const page = await list('ob');
    expect(page.rows.length).toBe(OB_ROWS.length - 1);
    expect(page.locks).toEqual({
      available: false,
      reason: expect.stringMatching(
        /^GV\$OB_LOCKS or GV\$OB_TRANSACTION_SCHEDULERS is not on this server: lock waits need OceanBase 4\.2\.1 or later \(Table 'oceanbase\.GV\$OB_LOCKS' doesn't exist\)$/,
      ),
    });
  });
});
