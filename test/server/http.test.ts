import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refused } from '../support/refusal';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { main, url } from '../support/testServer';

// Health, the portal and its sign-in are plain HTTP (raw fetch); tRPC calls go through the typed
// client, but for the wire's own cases (an unknown procedure's content type, a batch, headers).
const HTML = { accept: 'text/html,application/xhtml+xml' };

let dist: string;
let withPortal: TestSidecar;
let bare: TestSidecar;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'tenant-sessions-dist-'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>portal</title><div id="root"></div>');
  await writeFile(path.join(dist, 'parcel.js'), 'export const mount = () => {};');
  withPortal = await startSidecar([tenantOn(url, 'main')], { staticDir: dist, portalSecret: TEST_SECRET });
  bare = await startSidecar([tenantOn(url, 'main')], { staticDir: path.join(dist, 'missing') });
});

afterAll(async () => {
  await withPortal?.stop();
  await bare?.stop();
  await rm(dist, { recursive: true, force: true });
});

describe('health', () => {
  it('answers /healthz and /readyz without a token', async () => {
    expect(await (await fetch(`${withPortal.url}/healthz`)).json()).toEqual({ status: 'ok' });
    // Anonymous: ready or not, and how many tenants fail; which ones only with a token.
    expect(await (await fetch(`${withPortal.url}/readyz`)).json()).toEqual({
      status: 'ready',
      tenants: 1,
      failing: 0,
    });
  });
});

/** The sign-in takes JSON, from the portal: a same-origin Origin, or (here, with none) the portal's header. */
const SIGNIN = { 'content-type': 'application/json', 'x-portal-signin': '1' };

describe('the portal', () => {
  it('serves the built dist/ at / and index.html for history routes', async () => {
    const root = await fetch(`${withPortal.url}/`, { headers: HTML });
    expect(await root.text()).toContain('<title>portal</title>');
    for (const route of ['/clusters/prod-1/tenants/trade/sessions', '/diagnostics/prod-1/sessions']) {
      const page = await fetch(`${withPortal.url}${route}`, { headers: HTML });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>portal</title>');
    }
    const file = await fetch(`${withPortal.url}/parcel.js`);
    expect(await file.text()).toContain('export const mount');
    expect(
      (await fetch(`${withPortal.url}/no-such.js`, { headers: { accept: 'application/javascript' } })).status,
    ).toBe(404);
    // Raw: a procedure no type allows, asked for as a browser asks for a page.
    const trpc = await fetch(`${withPortal.url}/trpc/sessions.nope`, { headers: HTML });
    expect(trpc.headers.get('content-type')).toMatch(/json/);
  });

  it('says to run npm run build when dist/index.html is missing', async () => {
    const page = await fetch(`${bare.url}/`, { headers: HTML });
    expect(await page.text()).toContain('npm run build');
    const route = await fetch(`${bare.url}/diagnostics/x/sessions`, { headers: HTML });
    expect(await route.text()).toContain('npm run build');
  });

  it('signs a read-only operator in, whose token reads but cannot kill', async () => {
    const response = await fetch(`${withPortal.url}/portal/session`, {
      method: 'POST',
      headers: SIGNIN,
      body: JSON.stringify({ operator: 'viewer', rights: ['read'] }),
    });
    expect(response.status).toBe(200);
    const { token, operator, expiresAt } = await response.json();
    expect(operator).toBe('viewer');
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const viewer = withPortal.client(token);
    await viewer.sessions.list.query(main);
    await refused(viewer.sessions.kill.mutate({ ...main, sessionKeys: ['x:1#1'] }), 403, 'NO_KILL');
  });

  it('signs demo-operator in with read and kill by default, and refuses bad sign-ins', async () => {
    const response = await fetch(`${withPortal.url}/portal/session`, {
      method: 'POST',
      headers: SIGNIN,
      body: '{}',
    });
    const { token, operator } = await response.json();
    expect(operator).toBe('demo-operator');
    const tenants = await withPortal.client(token).tenants.list.query({});
    expect(tenants[0]?.rights).toEqual(['kill', 'read']);
    for (const bad of [
      '{"rights":["kill"]}',
      '{"rights":["admin"]}',
      '{"operator":""}',
      '{"rights":',
      '[1]',
    ]) {
      const answer = await fetch(`${withPortal.url}/portal/session`, {
        method: 'POST',
        headers: SIGNIN,
        body: bad,
      });
      expect(answer.status, bad).toBe(400);
      expect((await answer.json()).error.data.reason).toBe('INVALID_INPUT');
    }
  });

  it('answers a sign-in body over 64 KiB with 413', async () => {
    const response = await fetch(`${withPortal.url}/portal/session`, {
      method: 'POST',
      headers: SIGNIN,
      body: JSON.stringify({ operator: 'x'.repeat(70_000) }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.data.reason).toBe('PAYLOAD_TOO_LARGE');
  });

  it('is not there unless enabled', async () => {
    expect((await fetch(`${bare.url}/portal/session`, { method: 'POST' })).status).toBe(404);
  });
});

describe('tRPC over plain HTTP', () => {
  it('answers tenants.list with the caller rights, and the dialect once the tenant was reached', async () => {
    await withPortal.api.sessions.list.query(main);
    expect(await withPortal.api.tenants.list.query({})).toEqual([
      {
        clusterId: 'test',
        clusterName: 'Test cluster',
        tenantId: 'main',
        tenantName: 'main',
        dialect: 'mariadb',
        serverVersion: expect.stringMatching(/MariaDB/),
        rights: ['kill', 'read'],
      },
    ]);
    expect(await withPortal.api.tenants.list.query({ clusterId: 'elsewhere' })).toEqual([]);
  });

  it('takes batched calls, and tags each answer with a request id', async () => {
    // Raw: a batch (which the unbatched typed client never sends) and the request id's header.
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: main }));
    const response = await fetch(`${withPortal.url}/trpc/tenants.list,sessions.list?batch=1&input=${input}`, {
      headers: { authorization: `Bearer ${withPortal.admin}`, 'x-request-id': 'trace-123' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const [tenants, sessions] = await response.json();
    expect(tenants.result.data).toHaveLength(1);
    expect(sessions.result.data.dialect).toBe('mariadb');
    expect(withPortal.logs.some((l) => l.reqId === 'trace-123' && l.msg === 'request')).toBe(true);
    const other = await fetch(`${withPortal.url}/healthz`);
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
