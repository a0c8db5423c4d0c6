import mysql from 'mysql2/promise';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localTenant } from '../config/load';
import { OwnConnections } from '../connections/own';
import { TenantRegistry } from './registry';

const url = inject('mysqlUrl');
const own = new OwnConnections();
const registry = new TenantRegistry(
  [
    { ...localTenant(url), tenantId: 'a' },
    { ...localTenant(url), tenantId: 'b' },
  ],
  { log: pino({ level: 'silent' }), poolIdleMs: 60_000, own },
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
    expect([...(registry.find('local', 'a')?.sidecarThreadIds() ?? [])].sort()).toEqual([a, b].sort());
    expect(own.on('elsewhere:1').size).toBe(0);
  });

  it("counts the audit's connections too, and one server under two spellings as one", async () => {
    // A pool opened by someone else than a tenant (the audit table's), on the same server, spelled otherwise.
    const { port } = new URL(url);
    const audit = mysql.createPool({ uri: url, connectionLimit: 1 });
    own.track(audit, `LOCALHOST:${port}`);
    const [[row]] = await audit.query<mysql.RowDataPacket[]>('SELECT CONNECTION_ID() AS id');
    const id = String(row?.id);
    expect(own.on(`127.0.0.1:${port}`).has(id)).toBe(true);
    expect(own.on(`::1:${port}`).has(id)).toBe(true);
    expect(registry.find('local', 'a')?.sidecarThreadIds().has(id)).toBe(true);
    expect(own.on('127.0.0.1:1').size).toBe(0);
    await audit.end();
  });

  it('carries on when someone else kills its pooled connection', async () => {
    const before = await threadId('b');
    const admin = await mysql.createConnection({ uri: url });
    await admin.query('KILL ?', [before]);
    await admin.end();
    const after = await threadId('b');
    expect(after).not.toBe(before);
    expect(registry.find('local', 'b')?.pooledThreadIds.has(before)).toBe(false);
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
    expect(handle?.pooledThreadIds.size).toBe(0);
    const after = await threadId('a');
    expect(after).not.toBe(before);
    expect(handle?.probe?.dialect.name).toBe('mariadb');
  });
});
