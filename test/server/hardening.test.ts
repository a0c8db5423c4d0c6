import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Account, connect, createAccount, endpoint, openVictim, type Victim } from '../support/db';
import { startSidecar, type TestSidecar, tenantOn, tokenFor } from '../support/sidecar';

// CORS for the configured origins only, security headers, and the per-operator close rate, on a
// real sidecar over HTTP.
const url = inject('mysqlUrl');
const main = { clusterId: 'test', tenantId: 'main' };
const { host, port } = endpoint(url);
const keyOf = (id: string) => `${host}:${port}#${id}`;
const CONSOLE = 'https://console.example';
const FOREIGN = 'https://evil.example';

let admin: Connection;
let sidecar: TestSidecar;
let gina: Account;
let victim: Victim;

beforeAll(async () => {
  admin = await connect(url);
  gina = await createAccount(admin, 'gina');
  victim = await openVictim(url, gina);
  sidecar = await startSidecar([tenantOn(url, 'main')], {
    allowedOrigins: [CONSOLE, 'http://127.0.0.1:8080'],
    closeRatePerMinute: 2,
  });
});

afterAll(async () => {
  await sidecar?.stop();
  await victim?.close();
  await gina?.drop();
  await admin?.end();
});

const listUrl = () => `${sidecar.url}/trpc/tenants.list?input=${encodeURIComponent('{}')}`;
const preflight = (origin: string, method = 'POST') =>
  fetch(`${sidecar.url}/trpc/sessions.kill`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('CORS', () => {
  it('answers an allowed origin with its CORS headers', async () => {
    const response = await fetch(listUrl(), {
      headers: { origin: CONSOLE, authorization: `Bearer ${sidecar.admin}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    // /trpc answers are no-store, so no cache keys them; elsewhere the answer varies by Origin.
    const health = await fetch(`${sidecar.url}/healthz`, { headers: { origin: CONSOLE } });
    expect(health.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(health.headers.get('vary')).toMatch(/Origin/i);
  });

  it('gives a foreign origin no CORS header at all', async () => {
    const response = await fetch(listUrl(), {
      headers: { origin: FOREIGN, authorization: `Bearer ${sidecar.admin}` },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    for (const name of response.headers.keys()) expect(name).not.toMatch(/^access-control-/);
  });

  it('answers the preflight of an allowed origin, and refuses a foreign one', async () => {
    const allowed = await preflight(CONSOLE);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const foreign = await preflight(FOREIGN);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    // An origin that only starts like an allowed one is foreign.
    expect(
      (await preflight(`${CONSOLE}.evil.example`)).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect(await victim.alive()).toBe(true);
  });
});

describe('security headers', () => {
  it('sends nosniff, no referrer and same-origin framing everywhere; no-store on /trpc', async () => {
    for (const path of ['/healthz', '/trpc/tenants.list?input=%7B%7D']) {
      const response = await fetch(`${sidecar.url}${path}`, {
        headers: { authorization: `Bearer ${sidecar.admin}` },
      });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
    const trpc = await fetch(listUrl());
    expect(trpc.status).toBe(401);
    expect(trpc.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an unknown procedure and garbage without a stack or internals', async () => {
    const unknown = await sidecar.query('sessions.drop', main);
    expect(unknown.status).toBe(404);
    const text = JSON.stringify(unknown.body);
    expect(text).not.toMatch(/stack|node_modules|at .*\.ts:/);
  });
});

describe('the per-operator close rate', () => {
  it('refuses the third close call of a minute with TOO_MANY_REQUESTS and when to retry; others go on', async () => {
    const hank = await tokenFor({ 'test/*': ['read', 'kill'] }, { sub: 'hank' });
    const gone = { ...main, sessionKeys: [keyOf('999999999997')] };
    for (let i = 0; i < 2; i += 1)
      expect((await sidecar.mutate('sessions.kill', gone, hank)).status).toBe(200);
    const third = await sidecar.mutate('sessions.kill', { ...main, sessionKeys: [keyOf(victim.id)] }, hank);
    expect(third.status).toBe(429);
    expect(third.body.error.data.reason).toBe('TOO_MANY_REQUESTS');
    const wait = third.body.error.data.retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(third.headers.get('retry-after')).toBe(String(wait));
    expect(third.body.error.message).toMatch(/2 close calls a minute/);
    expect(await victim.alive()).toBe(true);
    // killQuery counts against the same limit; another operator has its own.
    expect((await sidecar.mutate('sessions.killQuery', gone, hank)).status).toBe(429);
    const ivy = await tokenFor({ 'test/*': ['read', 'kill'] }, { sub: 'ivy' });
    expect((await sidecar.mutate('sessions.killQuery', gone, ivy)).status).toBe(200);
    // Reading is not limited.
    expect((await sidecar.query('sessions.list', main, hank)).status).toBe(200);
    // A refused call leaves a trace too: one record per key, naming the reason, nothing sent.
    const audit = await sidecar.query('audit.list', { ...main, operator: 'hank' });
    expect(audit.body.result.data.total).toBe(4);
    const refused = audit.body.result.data.rows.filter((r: { code?: string }) => r.code === 'error.refused');
    expect(refused.map((r: { params: { reason: string } }) => r.params.reason)).toEqual([
      'TOO_MANY_REQUESTS',
      'TOO_MANY_REQUESTS',
    ]);
    expect(refused.map((r: { outcome: string }) => r.outcome)).toEqual(['error', 'error']);
  });
});
