import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';

const url = inject('mysqlUrl');
const at = (tenantId: string) => ({ clusterId: 'test', tenantId });

let hung: ThrowawayServer;
let sidecar: TestSidecar;
let closedPort: number;

beforeAll(async () => {
  hung = await startThrowawayMariadb();
  closedPort = await freePort();
  sidecar = await startSidecar([
    tenantOn(url, 'main'),
    tenantOn('mysql://root@127.0.0.1', 'closed', { port: closedPort }),
    tenantOn(url, 'refused', { account: { user: 'ts_nobody_here', password: 'wrong' } }),
    tenantOn(hung.url, 'hung', { statementTimeoutMs: 300 }),
  ]);
});

afterAll(async () => {
  hung?.thaw();
  await sidecar?.stop();
  await hung?.stop();
});

const list = (tenantId: string) => sidecar.query('sessions.list', at(tenantId));

const stillServes = async () => {
  expect((await fetch(`${sidecar.url}/healthz`)).status).toBe(200);
  const { status } = await list('main');
  expect(status).toBe(200);
};

describe('a tenant whose database does not answer', () => {
  it('answers TENANT_UNREACHABLE naming host:port for a closed port, while other tenants keep working', async () => {
    const { status, body } = await list('closed');
    expect(status).toBe(503);
    expect(body.error.data.reason).toBe('TENANT_UNREACHABLE');
    expect(body.error.message).toContain(`127.0.0.1:${closedPort}`);
    expect(body.error.message).toMatch(/ECONNREFUSED/);
    await stillServes();
    // Which tenants fail, and why, is shown to a token that reads them.
    const ready = await (
      await fetch(`${sidecar.url}/readyz`, { headers: { authorization: `Bearer ${sidecar.admin}` } })
    ).json();
    expect(ready.unreachable).toEqual([
      expect.objectContaining({ clusterId: 'test', tenantId: 'closed', address: `127.0.0.1:${closedPort}` }),
    ]);
  });

  it('answers TENANT_UNREACHABLE when the database refuses the login', async () => {
    const { status, body } = await sidecar.mutate('sessions.kill', {
      ...at('refused'),
      sessionKeys: ['x:1#1'],
    });
    expect(status).toBe(503);
    expect(body.error.data.reason).toBe('TENANT_UNREACHABLE');
    expect(body.error.message).toMatch(/Access denied/);
    await stillServes();
  });

  it('answers TENANT_TIMEOUT when the processlist query is held past its limit, then recovers', async () => {
    expect((await list('hung')).status).toBe(200);
    hung.freeze();
    const started = Date.now();
    const { status, body } = await list('hung');
    const waited = Date.now() - started;
    expect(status).toBe(408);
    expect(body.error.data.reason).toBe('TENANT_TIMEOUT');
    expect(body.error.message).toContain(`127.0.0.1:${hung.port}`);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(3000);
    await stillServes();
    hung.thaw();
    const again = await list('hung');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });
});
