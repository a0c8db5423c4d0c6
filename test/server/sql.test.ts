import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, openVictim, waitUntilRunning } from '../support/db';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { keyOf, main, url } from '../support/testServer';

let admin: Connection;
let sidecar: TestSidecar;
let erin: Account;

beforeAll(async () => {
  admin = await connect(url);
  erin = await createAccount(admin, 'erin');
  sidecar = await startSidecar([tenantOn(url, 'main')]);
});

afterAll(async () => {
  await sidecar?.stop();
  await erin?.drop();
  await admin?.end();
});

describe('sessions.sql', () => {
  it('returns a 10 KB statement whole, while the list carries a 256-character truncated preview', async () => {
    const victim = await openVictim(url, erin);
    // Multi-byte text around the cut: the preview must not split a character.
    const padding = `${'x'.repeat(253)}😀é${'y'.repeat(10_000)}`;
    const statement = `SELECT '${padding}' AS pad FROM DUAL WHERE SLEEP(30)`;
    const ended = victim.busy(statement);
    await waitUntilRunning(admin, victim.id);
    const key = keyOf(victim.id);

    const sql = await sidecar.api.sessions.sql.query({ ...main, sessionKey: key });
    expect(sql).toMatchObject({
      sessionKey: key,
      sessionId: victim.id,
      sql: statement,
      found: true,
    });
    expect(sql.sql?.length).toBeGreaterThan(10_000);

    const list = await sidecar.api.sessions.list.query({ ...main, user: erin.user });
    const row = list.rows.find((r) => r.id === victim.id);
    expect(row?.sqlTruncated).toBe(true);
    expect(row?.sqlPreview?.length).toBeLessThanOrEqual(256);
    expect(row?.sqlPreview?.length).toBeGreaterThanOrEqual(255);
    expect(statement.startsWith(row?.sqlPreview ?? '-')).toBe(true);
    expect(row?.sqlPreview).not.toMatch(/[\uD800-\uDBFF]$/);

    await admin.query('KILL QUERY ?', [victim.id]);
    expect((await ended)?.errno).toBe(1317);
    await victim.close();
  });

  it('answers sql: null for an idle session, and found: false for a vanished one', async () => {
    const victim = await openVictim(url, erin);
    const idle = await sidecar.api.sessions.sql.query({ ...main, sessionKey: keyOf(victim.id) });
    expect(idle).toMatchObject({ sql: null, found: true });
    await victim.connection.end();
    const gone = await sidecar.api.sessions.sql.query({
      ...main,
      sessionKey: keyOf('18446744073709551615'),
    });
    expect(gone).toMatchObject({
      sql: null,
      found: false,
      sessionId: '18446744073709551615',
    });
    const elsewhere = await sidecar.api.sessions.sql.query({
      ...main,
      sessionKey: `10.0.0.1:3306#${victim.id}`,
    });
    expect(elsewhere.found).toBe(false);
  });
});
