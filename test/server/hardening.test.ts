import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, openVictim, type Victim } from '../support/db';
import { refused } from '../support/refusal';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { keyOf, main, url } from '../support/testServer';

// CORS for the configured origins only, security headers, and the per-operator close rate, on a
// real sidecar over HTTP. CORS and the headers are about the wire itself (Origin, preflights,
// response headers): raw fetch there; the close rate goes through the typed client.
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
    // Raw: a procedure no type allows, and the answer's whole body is what is checked.
    const unknown = await sidecar.query('sessions.drop', main);
    expect(unknown.status).toBe(404);
    const text = JSON.stringify(unknown.body);
    expect(text).not.toMatch(/stack|node_modules|at .*\.ts:/);
  });
});

describe('the per-operator close rate', () => {
  it('refuses the third close call of a minute with TOO_MANY_REQUESTS and when to retry; others go on', async () => {
    const hank = await sidecar.as({ 'test/*': ['read', 'kill'] }, { sub: 'hank' });
    const gone = { ...main, sessionKeys: [keyOf('999999999997')] };
    // A typed call that resolves was answered 200.
    for (let i = 0; i < 2; i += 1) await hank.sessions.kill.mutate(gone);
    const third = await refused(
      hank.sessions.kill.mutate({ ...main, sessionKeys: [keyOf(victim.id)] }),
      429,
      'TOO_MANY_REQUESTS',
      /2 close calls a minute/,
    );
    const wait = third.data?.retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect((third.meta?.response as Response | undefined)?.headers.get('retry-after')).toBe(String(wait));
    expect(await victim.alive()).toBe(true);
    // killQuery counts against the same limit; another operator has its own.
    await refused(hank.sessions.killQuery.mutate(gone), 429, 'TOO_MANY_REQUESTS');
    const ivy = await sidecar.as({ 'test/*': ['read', 'kill'] }, { sub: 'ivy' });
    await ivy.sessions.killQuery.mutate(gone);
    // Reading is not limited.
    await hank.sessions.list.query(main);
    // A refused call leaves a trace too: one record per key, naming the reason, nothing sent.
    const audit = await sidecar.api.audit.list.query({ ...main, operator: 'hank' });
    expect(audit.total).toBe(4);
    const refusals = audit.rows.filter((r) => r.code === 'error.refused');
    expect(refusals.map((r) => r.params?.reason)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(refusals.map((r) => r.outcome)).toEqual(['error', 'error']);
  });
});
