import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HardenedSidecar, rawRequest, startHardened, startMainWith } from '../support/hardened';
import { TEST_SECRET, tenantOn } from '../support/sidecar';
import { url } from '../support/testServer';

// DNS rebinding: a page on rebind.attacker.example whose name is made to point at 127.0.0.1 sends
// its own name as Host, and its own origin as Origin. Every route refuses such a Host (421);
// the sign-in takes JSON from the portal only, and is never enabled off loopback. All raw
// (rawRequest): these are about the wire itself, a Host and an Origin no fetch or client sends.
const REBOUND = 'rebind.attacker.example';

let sidecar: HardenedSidecar;
let proxied: HardenedSidecar;
let port: number;

beforeAll(async () => {
  sidecar = await startHardened([tenantOn(url, 'main')], { portalSecret: TEST_SECRET });
  proxied = await startHardened([tenantOn(url, 'main')], {
    portalSecret: TEST_SECRET,
    allowedHosts: ['console.example', 'proxy.example:8443'],
  });
  port = sidecar.port;
});

afterAll(async () => {
  await sidecar?.stop();
  await proxied?.stop();
});

const JSON_SIGNIN = { 'content-type': 'application/json' };

describe('the Host check', () => {
  it("answers the issue's rebinding sign-in with 421, and no token", async () => {
    const answer = await rawRequest(sidecar.url, {
      method: 'POST',
      path: '/portal/session',
      host: `${REBOUND}:${port}`,
      headers: { 'content-type': 'text/plain' },
      body: '',
    });
    expect(answer.status).toBe(421);
    expect(answer.text).not.toMatch(/token/);
    const body = JSON.parse(answer.text);
    expect(body.error.data).toMatchObject({ reason: 'INVALID_INPUT', httpStatus: 421 });
    expect(body.error.message).toMatch(/does not serve the host .*rebind\.attacker\.example/);
    expect(body.error.message).toMatch(/SESSIONS_ALLOWED_HOSTS/);
  });

  it('refuses a foreign Host on every route: health, metrics, tRPC, the portal, a preflight', async () => {
    for (const [method, path] of [
      ['GET', '/healthz'],
      ['GET', '/readyz'],
      ['GET', '/metrics'],
      ['GET', '/trpc/tenants.list?input=%7B%7D'],
      ['GET', '/'],
      ['OPTIONS', '/trpc/sessions.kill'],
    ] as const) {
      const answer = await rawRequest(sidecar.url, {
        method,
        path,
        host: `${REBOUND}:${port}`,
        headers: { authorization: `Bearer ${sidecar.admin}`, origin: `http://${REBOUND}:${port}` },
      });
      expect(answer.status, `${method} ${path}`).toBe(421);
      expect(JSON.parse(answer.text).error.data.reason).toBe('INVALID_INPUT');
    }
  });

  it('refuses a name that only looks like loopback, another port, and no Host at all', async () => {
    for (const host of [
      `127.attacker.example:${port}`,
      `localhost.attacker.example:${port}`,
      `localhost:${port + 1}`,
      'localhost',
      `127.1:${port}`,
    ]) {
      expect((await rawRequest(sidecar.url, { path: '/healthz', host })).status, host).toBe(421);
    }
    // Without a Host, Node refuses an HTTP/1.1 request itself (400) before the app sees it.
    const none = await rawRequest(sidecar.url, { path: '/healthz', host: null });
    expect(none.status).toBe(400);
  });

  it('serves its own address and the loopback names with its port, in any case', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const answer = await rawRequest(sidecar.url, { path: '/healthz', host });
      expect(answer.status, host).toBe(200);
    }
  });

  it('serves SESSIONS_ALLOWED_HOSTS: a name on any port, a name:port on that port only', async () => {
    const at = (host: string) => rawRequest(proxied.url, { path: '/healthz', host });
    expect((await at('console.example')).status).toBe(200);
    expect((await at('console.example:443')).status).toBe(200);
    expect((await at('proxy.example:8443')).status).toBe(200);
    expect((await at('proxy.example:9443')).status).toBe(421);
    expect((await at(`${REBOUND}:${proxied.port}`)).status).toBe(421);
  });
});

describe('the sign-in', () => {
  const signin = (headers: Record<string, string>, body = '{}') =>
    rawRequest(sidecar.url, { method: 'POST', path: '/portal/session', headers, body });

  it('takes a same-origin Origin, or none with the portal header', async () => {
    const browser = await signin({ ...JSON_SIGNIN, origin: `http://127.0.0.1:${port}` });
    expect(browser.status).toBe(200);
    expect(JSON.parse(browser.text).token).toBeTruthy();
    const portal = await signin({ ...JSON_SIGNIN, 'x-portal-signin': '1' });
    expect(portal.status).toBe(200);
  });

  it('refuses another origin, a null origin, and no origin without the portal header', async () => {
    for (const origin of [
      `http://${REBOUND}:${port}`,
      'null',
      `http://127.0.0.1:${port + 1}`,
      'https://console.example',
    ]) {
      const answer = await signin({ ...JSON_SIGNIN, origin, 'x-portal-signin': '1' });
      expect(answer.status, origin).toBe(403);
      expect(JSON.parse(answer.text).error.message).toMatch(/answers the portal only/);
    }
    const bare = await signin(JSON_SIGNIN);
    expect(bare.status).toBe(403);
    expect(JSON.parse(bare.text).error.message).toMatch(/x-portal-signin: 1/);
  });

  it('takes JSON only: text/plain and a form (which need no preflight) are refused with 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await signin({ 'content-type': type, 'x-portal-signin': '1' }, 'operator=eve');
      expect(answer.status, type).toBe(415);
      expect(JSON.parse(answer.text).error.message).toMatch(/takes a JSON body/);
    }
    const noBody = await rawRequest(sidecar.url, {
      method: 'POST',
      path: '/portal/session',
      headers: { 'x-portal-signin': '1' },
    });
    expect(noBody.status).toBe(415);
  });
});

describe('the sign-in is never enabled off loopback', () => {
  const secret = { SESSIONS_JWT_SECRET: 'a-secret-that-is-long-enough-for-hs256-xx' };

  it('refuses to start with SESSIONS_PORTAL_SIGNIN=1 on 0.0.0.0, naming the setting', async () => {
    const { code, errors } = await startMainWith({ ...secret, HOST: '0.0.0.0', SESSIONS_PORTAL_SIGNIN: '1' });
    expect(code).toBe(1);
    expect(errors).toMatch(/cannot start: SESSIONS_PORTAL_SIGNIN=1 .* loopback only.*HOST=0\.0\.0\.0/);
  });

  // A name like 127.attacker.example is resolved, never taken for loopback by its look:
  // config/loopback.test.ts (no DNS query leaves the machine in a test).
});
