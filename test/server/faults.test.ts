import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { refused } from '../support/refusal';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { refOf, url } from '../support/testServer';

// Tenants are called through the typed client; /healthz and /readyz are plain HTTP, fetched raw.

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

const list = (tenantId: string) => sidecar.api.sessions.list.query(refOf(tenantId));

const stillServes = async () => {
  expect((await fetch(`${sidecar.url}/healthz`)).status).toBe(200);
  await list('main');
};

describe('a tenant whose database does not answer', () => {
  it('answers TENANT_UNREACHABLE naming host:port for a closed port, while other tenants keep working', async () => {
    const error = await refused(list('closed'), 503, 'TENANT_UNREACHABLE', `127.0.0.1:${closedPort}`);
    expect(error.message).toMatch(/ECONNREFUSED/);
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
    await refused(
      sidecar.api.sessions.kill.mutate({ ...refOf('refused'), sessionKeys: ['x:1#1'] }),
      503,
      'TENANT_UNREACHABLE',
      /Access denied/,
    );
    await stillServes();
  });

  it('answers TENANT_TIMEOUT when the processlist query is held past its limit, then recovers', async () => {
    await list('hung');
    hung.freeze();
    const started = Date.now();
    const timedOut = list('hung');
    await timedOut.catch(() => undefined);
    const waited = Date.now() - started;
    await refused(timedOut, 408, 'TENANT_TIMEOUT', `127.0.0.1:${hung.port}`);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(3000);
    await stillServes();
    hung.thaw();
    await list('hung');
  });
});
