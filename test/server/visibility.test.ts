import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, openVictim, type Victim } from '../support/db';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { refOf, url } from '../support/testServer';

let admin: Connection;
let sidecar: TestSidecar;
let plain: Account;
let other: Account;
let roled: Account;
let role: string;
let victims: Victim[] = [];

beforeAll(async () => {
  admin = await connect(url);
  plain = await createAccount(admin, 'plain');
  other = await createAccount(admin, 'other');
  // PROCESS reached only through a default role: the grant tables show the account USAGE alone.
  roled = await createAccount(admin, 'roled');
  role = `${roled.user}_r`.slice(0, 32);
  await admin.query(`CREATE ROLE \`${role}\``);
  await admin.query(`GRANT PROCESS ON *.* TO \`${role}\``);
  await admin.query(`GRANT \`${role}\` TO ?@'%'`, [roled.user]);
  await admin.query(`SET DEFAULT ROLE \`${role}\` FOR ?@'%'`, [roled.user]);
  victims = [await openVictim(url, plain), await openVictim(url, other)];
  sidecar = await startSidecar([
    tenantOn(url, 'plain', { account: plain }),
    tenantOn(url, 'roled', { account: roled }),
  ]);
});

afterAll(async () => {
  await sidecar?.stop();
  for (const victim of victims) await victim.close();
  await plain?.drop();
  await other?.drop();
  await roled?.drop();
  await admin?.query(`DROP ROLE IF EXISTS \`${role}\``);
  await admin?.end();
});

describe('an account without PROCESS', () => {
  it("answers visibility 'own-sessions-only' and lists only the account's own sessions", async () => {
    const page = await sidecar.api.sessions.list.query(refOf('plain'));
    expect(page.visibility).toBe('own-sessions-only');
    const rows = page.rows;
    expect(rows.every((r) => r.user === plain.user)).toBe(true);
    expect(rows.map((r) => r.id)).toContain(victims[0]?.id);
    expect(rows.map((r) => r.id)).not.toContain(victims[1]?.id);
    expect(page.counts.all).toBe(rows.length);
  });
});

describe('an account with PROCESS through a role', () => {
  it("answers visibility 'all' and lists other users' sessions", async () => {
    const page = await sidecar.api.sessions.list.query({ ...refOf('roled'), pageSize: 1000 });
    expect(page.rows.map((r) => r.id)).toContain(victims[1]?.id);
    expect(page.visibility).toBe('all');
  });
});
