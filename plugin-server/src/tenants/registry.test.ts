import mysql from 'mysql2/promise';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localTenant } from '../config/load';
import { TenantRegistry } from './registry';

const url = inject('mysqlUrl');
const registry = new TenantRegistry(
  [
    { ...localTenant(url), tenantId: 'a' },
    { ...localTenant(url), tenantId: 'b' },
  ],
  { log: pino({ level: 'silent' }), poolIdleMs: 60_000 },
);
afterAll(() => registry.close());

const threadId = async (tenantId: string) =>
  (await registry.find('local', tenantId)?.withConnection(async ({ read }) => {
    const [row] = await read({ sql: 'SELECT CONNECTION_ID() AS id', values: [] });
    return String(row?.id);
  })) ?? '';

describe('the tenant registry', () => {
  it("knows every pool's own connections on the same server, whichever tenant holds them", async () => {
    const a = await threadId('a');
    const b = await threadId('b');
    const address = registry.find('local', 'a')?.address ?? '';
    expect([...registry.ownThreadIds(address)].sort()).toEqual([a, b].sort());
    expect(registry.ownThreadIds('elsewhere:1').size).toBe(0);
  });

  it("counts the audit's connections too, and one server under two spellings as one", () => {
    const audit = { address: 'LOCALHOST:3999', ids: new Set(['41', '42']) };
    const withAudit = new TenantRegistry([], {
      log: pino({ level: 'silent' }),
      poolIdleMs: 60_000,
      otherOwnConnections: [audit],
    });
    expect([...withAudit.ownThreadIds('127.0.0.1:3999')].sort()).toEqual(['41', '42']);
    expect([...withAudit.ownThreadIds('::1:3999')].sort()).toEqual(['41', '42']);
    expect(withAudit.ownThreadIds('127.0.0.1:3998').size).toBe(0);
    return withAudit.close();
  });

  it('carries on when someone else kills its pooled connection', async () => {
    const before = await threadId('b');
    const admin = await mysql.createConnection({ uri: url });
    await admin.query('KILL ?', [before]);
    await admin.end();
    const after = await threadId('b');
    expect(after).not.toBe(before);
    expect(registry.find('local', 'b')?.ownThreadIds.has(before)).toBe(false);
  });

  it('never closes a pool while a call is using it, and counts idleness from the end of a call', async () => {
    const handle = registry.find('local', 'b');
    const call = handle?.withConnection(async ({ read }) => {
      await read({ sql: 'SELECT SLEEP(0.3)', values: [] });
      // The sweep comes while the call holds its connection, long "idle" by its start time.
      await registry.closeIdle(Date.now() + 61_000);
      const [row] = await read({ sql: 'SELECT 7 AS seven', values: [] });
      return row?.seven;
    });
    expect(await call).toBe(7);
    expect(handle?.hasPool).toBe(true);
    await registry.closeIdle(Date.now() + 30_000);
    expect(handle?.hasPool).toBe(true);
  });

  it('closes idle pools, and opens a new one on the next use', async () => {
    const before = await threadId('a');
    const handle = registry.find('local', 'a');
    await registry.closeIdle(Date.now() + 61_000);
    expect(handle?.hasPool).toBe(false);
    expect(handle?.ownThreadIds.size).toBe(0);
    const after = await threadId('a');
    expect(after).not.toBe(before);
    expect(handle?.probe?.dialect.name).toBe('mariadb');
  });
});
