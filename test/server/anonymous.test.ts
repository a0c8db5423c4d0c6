import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HardenedSidecar, rawRequest, startHardened } from '../support/hardened';
import { freePort } from '../support/mariadbd';
import { refused } from '../support/refusal';
import { TEST_SECRET, tenantOn, tokenFor } from '../support/sidecar';
import { main, refOf, url } from '../support/testServer';

// What a caller without a token learns: whether the sidecar is ready and how many tenants fail,
// never which ones, where, or why; /metrics without tenants' names; and every error as JSON,
// never express's HTML page with a stack. Details go to a token that reads the tenant, or to the
// metrics port (SESSIONS_METRICS_PORT), bound where the operator chooses. The tenants are
// listed through the typed client; /readyz, /metrics and the error pages are plain HTTP, read raw.
let sidecar: HardenedSidecar;
let closedPort: number;

beforeAll(async () => {
  closedPort = await freePort();
  sidecar = await startHardened(
    [
      tenantOn(url, 'main'),
      {
        ...tenantOn(url, 'vault'),
        connection: { ...tenantOn(url, 'vault').connection, host: '127.0.0.1', port: closedPort },
      },
    ],
    { portalSecret: TEST_SECRET },
    { metricsPort: 0 },
  );
  await sidecar.api.sessions.list.query(main);
  await refused(sidecar.api.sessions.list.query(refOf('vault')), 503, 'TENANT_UNREACHABLE');
});

afterAll(() => sidecar?.stop());

const get = async (base: string, path: string, token?: string) => {
  const response = await fetch(
    `${base}${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  return { status: response.status, text: await response.text() };
};

describe('/readyz', () => {
  it('tells an anonymous caller ready, how many tenants and how many fail: not which, where or why', async () => {
    const { status, text } = await get(sidecar.url, '/readyz');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ status: 'ready', tenants: 2, failing: 1 });
    expect(text).not.toMatch(/vault|127\.0\.0\.1|ECONNREFUSED/);
  });

  it('names the failing tenants a token reads, with address and error; not the others', async () => {
    const all = JSON.parse((await get(sidecar.url, '/readyz', sidecar.admin)).text);
    expect(all.failing).toBe(1);
    expect(all.unreachable).toEqual([
      expect.objectContaining({ clusterId: 'test', tenantId: 'vault', address: `127.0.0.1:${closedPort}` }),
    ]);
    expect(all.unreachable[0].error).toMatch(/ECONNREFUSED/);
    const mainOnly = await tokenFor({ 'test/main': ['read'] });
    const partial = JSON.parse((await get(sidecar.url, '/readyz', mainOnly)).text);
    expect(partial).toEqual({ status: 'ready', tenants: 2, failing: 1, unreachable: [] });
  });

  it('answers a refused token with 401 in the JSON shape, not a quiet anonymous answer', async () => {
    const { status, text } = await get(sidecar.url, '/readyz', 'not.a.token');
    expect(status).toBe(401);
    expect(JSON.parse(text).error.data.reason).toBe('UNAUTHENTICATED');
  });
});

describe('/metrics', () => {
  it('gives an anonymous caller the series without tenants, and a token those of the tenants it reads', async () => {
    const anonymous = await get(sidecar.url, '/metrics');
    expect(anonymous.status).toBe(200);
    expect(anonymous.text).toMatch(/^tenant_sessions_http_request_duration_seconds_count\{/m);
    expect(anonymous.text).not.toMatch(/tenant="/);
    expect(anonymous.text).not.toMatch(/vault|test\/main/);
    const mainOnly = await get(sidecar.url, '/metrics', await tokenFor({ 'test/main': ['read'] }));
    expect(mainOnly.text).toMatch(/tenant="test\/main"/);
    expect(mainOnly.text).not.toMatch(/vault/);
    expect((await get(sidecar.url, '/metrics', 'not.a.token')).status).toBe(401);
  });
});

describe('the metrics port', () => {
  it('shows every tenant in /readyz and /metrics with no token, and nothing else', async () => {
    const base = sidecar.metricsUrl ?? '';
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = JSON.parse((await get(base, '/readyz')).text);
    expect(ready.unreachable).toEqual([expect.objectContaining({ tenantId: 'vault' })]);
    expect((await get(base, '/metrics')).text).toMatch(/tenant="test\/main"/);
    expect((await get(base, '/healthz')).status).toBe(200);
    // No tRPC, no sign-in, no portal there; and its own Host check.
    const trpc = await get(base, '/trpc/tenants.list?input=%7B%7D', sidecar.admin);
    expect(trpc.status).toBe(404);
    expect(JSON.parse(trpc.text).error.data.reason).toBe('INVALID_INPUT');
    expect((await rawRequest(base, { path: '/readyz', host: 'rebind.attacker.example' })).status).toBe(421);
  });
});

describe('errors are JSON, never an HTML page with a stack', () => {
  const signin = (headers: Record<string, string>, body: Buffer | string) =>
    rawRequest(sidecar.url, {
      method: 'POST',
      path: '/portal/session',
      headers: { 'content-type': 'application/json', 'x-portal-signin': '1', ...headers },
      body,
    });
  const isJsonError = (answer: { text: string; headers: Record<string, unknown> }) => {
    expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
    expect(answer.text).not.toMatch(/<html|<pre>|node_modules|at .*\.(js|ts):\d+/i);
    return JSON.parse(answer.text).error;
  };

  it('answers an unknown Content-Encoding with 415', async () => {
    const answer = await signin({ 'content-encoding': 'x-unknown' }, '{}');
    expect(answer.status).toBe(415);
    const error = isJsonError(answer);
    expect(error.data.reason).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/Content-Encoding "x-unknown" is not accepted/);
  });

  it('answers a bad gzip body with 400, and a good one with the token', async () => {
    const bad = await signin({ 'content-encoding': 'gzip' }, Buffer.from('this is not gzip at all'));
    expect(bad.status).toBe(400);
    expect(isJsonError(bad).message).toMatch(/could not be read/);
    const good = await signin({ 'content-encoding': 'gzip' }, gzipSync('{"operator":"zipped"}'));
    expect(good.status).toBe(200);
    expect(JSON.parse(good.text).operator).toBe('zipped');
  });

  it('answers a route nothing serves with 404 JSON', async () => {
    for (const [method, path] of [
      ['POST', '/nowhere'],
      ['DELETE', '/portal/session'],
      ['PUT', '/healthz'],
    ] as const) {
      const answer = await rawRequest(sidecar.url, { method, path });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(isJsonError(answer).message).toMatch(/Nothing answers/);
    }
  });
});
