import { createVerifier } from '@tenant-sessions/plugin-server';
import type { Connection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, openVictim, waitFor } from '../support/db';
import { type IdpKey, idpToken, type JwksServer, newKey, serveJwks } from '../support/jwks';
import { spawnMain } from '../support/mainProcess';
import { freePort } from '../support/mariadbd';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn, tokenFor } from '../support/sidecar';
import { openWatch, type Watch } from '../support/sse';
import { main, refOf, url } from '../support/testServer';

// sessions.watch over HTTP, as a browser's EventSource ponyfill reads it: real victims on the
// test server, tokens signed as a portal (HS256) and an identity provider (a JWKS on loopback)
// sign them, the verifier without clock skew so that a token's `exp` is the moment it ends.
let admin: Connection;
let sidecar: TestSidecar;
let jwks: JwksServer;
let rsa: IdpKey;
let unprivileged: Account;
const opened: Watch[] = [];

const watch = async (token: string | null, input: Parameters<typeof openWatch>[2]) => {
  const stream = await openWatch(sidecar.url, token, input);
  opened.push(stream);
  return stream;
};
const seriesOf = (text: string, name: string, labels = ''): number =>
  text
    .split('\n')
    .filter((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''}`) || l.startsWith(`${name}{${labels}`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
/** Raw: /metrics is Prometheus text; with a token that reads the tenants, their series are in it. */
const metrics = async () =>
  (await fetch(`${sidecar.url}/metrics`, { headers: { authorization: `Bearer ${sidecar.admin}` } })).text();
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  admin = await connect(url);
  // Without PROCESS the account sees only its own sessions: the sidecar's pool, whatever else
  // connects to the shared server meanwhile (a tenant whose page stands still).
  unprivileged = await createAccount(admin, 'watchquiet');
  rsa = await newKey('watch-rsa-1', 'RS256');
  jwks = await serveJwks([rsa]);
  const tenants = [
    tenantOn(url, 'main'),
    tenantOn(url, 'other'),
    tenantOn(url, 'bounded'),
    // A pool of one: the lock read then follows the processlist read on the same connection. With a
    // second connection it runs beside it, and that connection of the sidecar's own shows in its
    // own list running (or not) from one read to the next: a page that is never quiet.
    { ...tenantOn(url, 'quiet', { account: unprivileged }), poolSize: 1 },
  ];
  sidecar = await startSidecar(tenants, {
    verify: createVerifier({
      secret: TEST_SECRET,
      jwksUrl: jwks.url,
      jwksCooldownMs: 0,
      clockToleranceSeconds: 0,
    }),
    snapshotFreshMs: 1000,
    watch: { perOperator: 2, max: 4 },
  });
});

afterEach(async () => {
  // A failed test leaves no stream behind to count against the bounds of the next.
  const streams = opened.splice(0);
  for (const stream of streams) stream.close();
  await Promise.all(streams.map((s) => s.ended));
  await new Promise((resolve) => setTimeout(resolve, 100));
});

afterAll(async () => {
  await sidecar?.stop();
  await jwks?.close();
  await unprivileged?.drop();
  await admin?.end();
});

describe('sessions.watch over server-sent events', () => {
  it('shows a victim appear and leave, each page as it comes (not held until the stream ends)', async () => {
    const stream = await watch(sidecar.admin, { ...main, pageSize: 1000, intervalMs: 1000 });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('content-length')).toBeNull();
    const first = await stream.nextPage(() => true, 5000);
    // The first page came while the stream is still open: nothing buffers it.
    expect(stream.endedAt()).toBeUndefined();
    expect(first).toMatchObject({ dialect: 'mariadb', visibility: 'all', truncated: false });

    const victim = await openVictim(url);
    const connectedAt = Date.now();
    const appeared = await stream.nextPage((p) => p.rows.some((r) => r.id === victim.id), 5000);
    expect(Date.now() - connectedAt).toBeLessThan(3000);
    expect(appeared.rows.find((r) => r.id === victim.id)).toMatchObject({ protected: false });
    await victim.close();
    await stream.nextPage(
      (p) => p.rows.every((r) => r.id !== victim.id) && p.capturedAt > appeared.capturedAt,
    );
    expect(stream.endedAt()).toBeUndefined();
    stream.close();
  });

  it('answers the same page as sessions.list for the same input', async () => {
    const input = { ...main, sort: { column: 'id' as const, direction: 'asc' as const }, pageSize: 5 };
    const stream = await watch(sidecar.admin, { ...input, intervalMs: 1000 });
    const page = await stream.nextPage(() => true);
    const listed = await sidecar.api.sessions.list.query(input);
    // Within the snapshot freshness (1 s) the list answers from the watch loop's snapshot.
    if (listed.capturedAt === page.capturedAt) expect(listed).toEqual(page);
    else expect(listed.rows.length).toBe(page.rows.length);
    stream.close();
  });

  it('two watchers of one tenant: one read per interval (the metric), both fed', async () => {
    const before = await metrics();
    const label = 'tenant="test/other",outcome="ok"';
    const a = await watch(sidecar.admin, { ...refOf('other'), intervalMs: 1000 });
    const b = await watch(await tokenFor({ 'test/*': ['read'] }, { sub: 'second' }), {
      ...refOf('other'),
      intervalMs: 1000,
      pageSize: 10,
    });
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3300));
    a.close();
    b.close();
    const elapsed = Date.now() - started;
    await Promise.all([a.ended, b.ended]);
    const after = await metrics();
    const reads =
      seriesOf(after, 'tenant_sessions_processlist_reads_total', label) -
      seriesOf(before, 'tenant_sessions_processlist_reads_total', label);
    expect(reads).toBeGreaterThanOrEqual(Math.floor(elapsed / 1000));
    expect(reads).toBeLessThanOrEqual(Math.floor(elapsed / 1000) + 1);
    expect(a.pages().length).toBeGreaterThanOrEqual(3);
    expect(b.pages().length).toBeGreaterThanOrEqual(3);
    expect(
      seriesOf(after, 'tenant_sessions_watch_pushes_total', 'tenant="test/other"'),
    ).toBeGreaterThanOrEqual(a.pages().length + b.pages().length);
  });

  it('an expired token gets no push after its exp, and its stream ends UNAUTHENTICATED', async () => {
    const exp = now() + 3;
    const token = await tokenFor({ 'test/*': ['read'] }, { sub: 'expiring', expiresIn: exp });
    const stream = await watch(token, { ...main, intervalMs: 1000 });
    await stream.nextPage(() => true);
    await stream.ended;
    const ended = stream.endedAt() ?? 0;
    expect(ended).toBeGreaterThanOrEqual(exp * 1000);
    expect(ended).toBeLessThan(exp * 1000 + 2500);
    const pages = stream.events.filter((e) => e.event === 'message');
    expect(pages.every((e) => e.at < exp * 1000 + 50)).toBe(true);
    expect(stream.error()).toMatchObject({
      data: { code: 'UNAUTHORIZED', httpStatus: 401, reason: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/exp/),
    });
  });

  it('a token whose JWKS key is withdrawn gets no further push, and its stream ends', async () => {
    const token = await idpToken(rsa, { 'test/*': ['read'] }, { sub: 'idp-watcher' });
    const stream = await watch(token, { ...main, intervalMs: 1000 });
    await stream.nextPage(() => true);
    const rotated = await newKey('watch-rsa-2', 'RS256');
    jwks.publish([rotated]);
    // Another operator's call with the new key makes the sidecar fetch the key set again.
    const withdrawnAt = Date.now();
    await sidecar.client(await idpToken(rotated, { 'test/*': ['read'] })).tenants.list.query({});
    await stream.ended;
    const after = stream.events.filter((e) => e.event === 'message' && e.at > withdrawnAt + 20);
    expect(after).toEqual([]);
    expect((stream.endedAt() ?? 0) - withdrawnAt).toBeLessThan(2500);
    expect(stream.error()).toMatchObject({ data: { reason: 'UNAUTHENTICATED' } });
    jwks.publish([rsa, rotated]);
  });

  it('keeps an unchanged page to itself, and sends a keep-alive within 15 s', async () => {
    // A user no session has, on a tenant that sees only the sidecar's own connections: the page
    // (no rows; the counts of the pool) stands still while the loop reads every second.
    const stream = await watch(sidecar.admin, {
      ...refOf('quiet'),
      user: 'nobody-has-this-name',
      intervalMs: 1000,
    });
    const first = await stream.nextPage(() => true);
    expect(first).toMatchObject({ rows: [], total: 0, visibility: 'own-sessions-only' });
    const ping = await stream.next((e) => e.event === 'ping', 15_000);
    // About ten reads, one page: the refresh of an unchanged page comes after 30 s only.
    expect(stream.pages().length).toBeLessThanOrEqual(2);
    expect(stream.events.filter((e) => e.event === 'message').length).toBe(stream.pages().length);
    expect(ping.at - (stream.events.find((e) => e.event === 'message')?.at ?? 0)).toBeLessThanOrEqual(15_000);
    const text = await metrics();
    expect(
      seriesOf(text, 'tenant_sessions_processlist_reads_total', 'tenant="test/quiet",outcome="ok"'),
    ).toBeGreaterThanOrEqual(8);
  });
});

describe('what sessions.watch refuses', () => {
  it('refuses bad input, no token, and a tenant not granted, before any page', async () => {
    const bad = await watch(sidecar.admin, { ...main, intervalMs: 500 });
    await bad.ended;
    expect(bad.error()).toMatchObject({ data: { reason: 'INVALID_INPUT', httpStatus: 400 } });
    expect(bad.pages()).toEqual([]);
    const anonymous = await watch(null, main);
    await anonymous.ended;
    expect(anonymous.error()).toMatchObject({ data: { reason: 'UNAUTHENTICATED' } });
    const narrow = await watch(await tokenFor({ 'test/other': ['read'] }), main);
    await narrow.ended;
    expect(narrow.error()).toMatchObject({ data: { reason: 'NO_READ', httpStatus: 403 } });
    expect(narrow.pages()).toEqual([]);
  });

  it('refuses a stream beyond the per-operator and the total bound with TOO_MANY_REQUESTS', async () => {
    const bounded = { ...refOf('bounded'), intervalMs: 1000 };
    const alice = await tokenFor({ 'test/*': ['read'] }, { sub: 'alice-bounded' });
    const bob = await tokenFor({ 'test/*': ['read'] }, { sub: 'bob-bounded' });
    const carol = await tokenFor({ 'test/*': ['read'] }, { sub: 'carol-bounded' });
    const a1 = await watch(alice, bounded);
    const a2 = await watch(alice, bounded);
    await Promise.all([a1.nextPage(() => true), a2.nextPage(() => true)]);
    const a3 = await watch(alice, bounded);
    await a3.ended;
    expect(a3.error()).toMatchObject({
      data: {
        code: 'TOO_MANY_REQUESTS',
        httpStatus: 429,
        reason: 'TOO_MANY_REQUESTS',
        retryAfterSeconds: 10,
      },
      message: expect.stringMatching(/most one operator may \(2\)/),
    });
    const b1 = await watch(bob, bounded);
    const b2 = await watch(bob, bounded);
    await Promise.all([b1.nextPage(() => true), b2.nextPage(() => true)]);
    const c1 = await watch(carol, bounded);
    await c1.ended;
    expect(c1.error()).toMatchObject({
      data: { reason: 'TOO_MANY_REQUESTS' },
      message: expect.stringMatching(/most live views it serves open \(4\)/),
    });
    // The slot a client gives up is free again.
    a1.close();
    await a1.ended;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const c2 = await watch(carol, bounded);
    await c2.nextPage(() => true);
    const text = await metrics();
    expect(seriesOf(text, 'tenant_sessions_watch_refused_total', 'limit="operator"')).toBe(1);
    expect(seriesOf(text, 'tenant_sessions_watch_refused_total', 'limit="total"')).toBe(1);
    expect(seriesOf(text, 'tenant_sessions_watch_streams', 'tenant="test/bounded"')).toBe(4);
    for (const stream of [a2, b1, b2, c2]) stream.close();
  });
});

describe('stopping the sidecar', () => {
  it('ends every stream cleanly (tRPC return event) before the stop resolves, well within its grace', async () => {
    const own = await startSidecar([tenantOn(url, 'main')]);
    const streams = await Promise.all(
      [1, 2, 3].map(() => openWatch(own.url, own.admin, { ...main, intervalMs: 1000 })),
    );
    await Promise.all(streams.map((s) => s.nextPage(() => true)));
    const stopping = Date.now();
    await own.stop();
    expect(Date.now() - stopping).toBeLessThan(3000);
    for (const stream of streams) {
      await stream.ended;
      expect(stream.events.at(-1)?.event).toBe('return');
      expect(stream.error()).toBeUndefined();
    }
  });

  it('npm start on SIGTERM: every stream ends with the return event, then the process exits 0', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), MYSQL_URL: url, LOG_LEVEL: 'info' };
    delete env.SESSIONS_JWT_SECRET;
    delete env.SESSIONS_CONFIG;
    const child = spawnMain(env, { detached: true });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    try {
      const token = await waitFor(
        async () => /Bearer ([^']+)'/.exec(output)?.[1],
        `the printed token in:\n${output}`,
        20_000,
      );
      const local = { clusterId: 'local', tenantId: 'local', intervalMs: 1000 };
      const streams = await Promise.all(
        [1, 2].map(() => openWatch(`http://127.0.0.1:${port}`, token, local)),
      );
      await Promise.all(streams.map((s) => s.nextPage(() => true)));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const signalled = Date.now();
      child.kill('SIGTERM');
      for (const stream of streams) {
        await stream.ended;
        expect(stream.events.at(-1)?.event).toBe('return');
      }
      expect(await exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5000);
    } finally {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
  });
});
