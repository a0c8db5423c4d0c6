import { makeSessionKey } from '@tenant-sessions/contracts';
import mysql, { type Connection } from 'mysql2/promise';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localTenant } from '../config/load';
import { TenantHandle } from '../tenants/handle';
import { killSessions } from './kill';
import { readSnapshot } from './snapshot';

// A real server; only the memory of what the last list showed is set by hand, since a server
// cannot be made to reuse an id on demand.
const url = inject('mysqlUrl');
const log = pino({ level: 'silent' });
const handle = new TenantHandle({ ...localTenant(url), tenantId: 'kill-unit' }, log);
let victim: Connection;

beforeAll(async () => {
  victim = await mysql.createConnection({ uri: url });
});
afterAll(async () => {
  victim.destroy();
  await handle.close();
});

const kill = (key: string, expected?: Record<string, { user: string; source: string }>) =>
  killSessions({
    handle,
    sessionKeys: [key],
    kind: 'query',
    expected,
    operator: 'unit',
    ownIds: () => handle.ownThreadIds,
    log,
  });

describe('changed: the key names someone else than the caller saw', () => {
  it('compares with the last list of the tenant when the caller says nothing', async () => {
    const snapshot = await readSnapshot(handle, () => handle.ownThreadIds);
    const key = makeSessionKey(handle.address, String(victim.threadId));
    const seen = snapshot.sessions.find((s) => s.key === key);
    expect(seen).toBeDefined();
    handle.lastSeen?.set(key, { user: 'previous-owner', source: seen?.source ?? '' });
    const report = await kill(key);
    expect(report.results[0]).toMatchObject({ outcome: 'changed' });
    expect(report.results[0]?.message).toMatch(/previous-owner/);
  });

  it("prefers what the caller saw to the sidecar's memory", async () => {
    const key = makeSessionKey(handle.address, String(victim.threadId));
    await readSnapshot(handle, () => handle.ownThreadIds);
    const now = handle.lastSeen?.get(key);
    handle.lastSeen?.set(key, { user: 'previous-owner', source: 'x' });
    const report = await kill(key, { [key]: { user: now?.user ?? '', source: now?.source ?? '' } });
    expect(report.results[0]).toEqual({ sessionKey: key, outcome: 'killed', message: null });
    const [rows] = await victim.query('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
  });
});
