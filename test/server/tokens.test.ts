import { createVerifier } from '@tenant-sessions/plugin-server';
import { generateKeyPair, SignJWT } from 'jose';
import type { Connection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Account, connect, createAccount, openVictim, type Victim } from '../support/db';
import { type IdpKey, idpToken, type JwksServer, newKey, serveJwks, unsignedToken } from '../support/jwks';
import { refused } from '../support/refusal';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { keyOf, main, refOf, url } from '../support/testServer';

// Operators' tokens from an identity provider whose JWKS the test serves on loopback, verified by
// a real sidecar over HTTP (HS256 with the sidecar's secret works alongside).
const other = refOf('other');

let admin: Connection;
let sidecar: TestSidecar;
let jwks: JwksServer;
let rsa: IdpKey;
let ec: IdpKey;
let erin: Account;
let victim: Victim;

beforeAll(async () => {
  admin = await connect(url);
  erin = await createAccount(admin, 'erin');
  victim = await openVictim(url, erin);
  [rsa, ec] = await Promise.all([newKey('rsa-1', 'RS256'), newKey('ec-1', 'ES256')]);
  jwks = await serveJwks([rsa, ec]);
  sidecar = await startSidecar([tenantOn(url, 'main'), tenantOn(url, 'other')], {
    verify: createVerifier({ secret: TEST_SECRET, jwksUrl: jwks.url, jwksCooldownMs: 0 }),
  });
});

afterEach(async () => {
  expect(await victim.alive()).toBe(true);
});

afterAll(async () => {
  await sidecar?.stop();
  await jwks?.close();
  await victim?.close();
  await erin?.drop();
  await admin?.end();
});

/** The tenants `token` may read; rejects (failing the test) unless the sidecar answers them. */
const tenants = (token: string) => sidecar.client(token).tenants.list.query({});
const now = () => Math.floor(Date.now() / 1000);

describe('tokens from a JWKS on loopback', () => {
  it.each(['RS256', 'ES256'] as const)('accepts %s tokens signed with a published key', async (alg) => {
    const key = alg === 'RS256' ? rsa : ec;
    const token = await idpToken(key, { 'test/*': ['read'] }, { sub: `op-${alg}` });
    expect((await tenants(token)).map((t) => t.tenantId)).toEqual(['main', 'other']);
    expect(sidecar.logs.some((l) => l.operator === `op-${alg}`)).toBe(true);
  });

  it('caches the keys: many calls, one fetch', async () => {
    const before = jwks.fetches();
    const token = await idpToken(rsa, { 'test/*': ['read'] });
    for (let i = 0; i < 5; i += 1) await expect(tenants(token)).resolves.toBeInstanceOf(Array);
    expect(jwks.fetches() - before).toBe(0);
  });

  it('follows a key rotation: a new kid is fetched once, the retired key is refused', async () => {
    // A token accepted (and so remembered) before the rotation must be refused after it: the
    // very same text, not a new token that merely carries the retired kid.
    const retired = await idpToken(rsa, { 'test/*': ['read'] }, { sub: 'before-rotation' });
    await expect(tenants(retired)).resolves.toBeInstanceOf(Array);
    const rotated = await newKey('rsa-2', 'RS256');
    jwks.publish([rotated, ec]);
    try {
      const before = jwks.fetches();
      await expect(tenants(await idpToken(rotated, { 'test/*': ['read'] }))).resolves.toBeInstanceOf(Array);
      await expect(tenants(await idpToken(rotated, { 'test/*': ['read'] }))).resolves.toBeInstanceOf(Array);
      expect(jwks.fetches() - before).toBe(1);
      await refused(tenants(retired), 401, 'UNAUTHENTICATED', /refused/);
      await refused(tenants(await idpToken(rsa, { 'test/*': ['read'] })), 401, 'UNAUTHENTICATED', /refused/);
    } finally {
      jwks.publish([rsa, ec]);
    }
  });

  it('refuses a token signed with a key the JWKS does not hold, even under a published kid', async () => {
    const impostor = await newKey('ec-1', 'ES256');
    await refused(
      tenants(await idpToken(impostor, { 'test/*': ['read', 'kill'] })),
      401,
      'UNAUTHENTICATED',
      /signature/,
    );
  });

  it('refuses alg none, an unexpected algorithm, and HS256 signed with the public key', async () => {
    await refused(
      tenants(unsignedToken({ sub: 'mallory', exp: now() + 300, sessions: { '*/*': ['read', 'kill'] } })),
      401,
      'UNAUTHENTICATED',
      /none are not accepted/,
    );
    const { privateKey: rs384Key } = await generateKeyPair('RS384');
    const rs384 = await new SignJWT({ sessions: { '*/*': ['read'] } })
      .setProtectedHeader({ alg: 'RS384', kid: rsa.kid })
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(rs384Key);
    await refused(tenants(rs384), 401, 'UNAUTHENTICATED', /RS384 are not accepted/);
    // The classic confusion: the RSA public key's text used as an HMAC secret.
    const confused = await new SignJWT({ sessions: { '*/*': ['read'] } })
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(rsa.jwk)));
    await refused(tenants(confused), 401, 'UNAUTHENTICATED', /signature/);
  });

  it('refuses an expired token and one not yet valid, beyond a 30 s skew', async () => {
    await refused(
      tenants(await idpToken(ec, { 'test/*': ['read'] }, { exp: now() - 120 })),
      401,
      'UNAUTHENTICATED',
      /exp/,
    );
    await refused(
      tenants(await idpToken(ec, { 'test/*': ['read'] }, { nbf: now() + 120 })),
      401,
      'UNAUTHENTICATED',
      /nbf/,
    );
    await expect(
      tenants(await idpToken(ec, { 'test/*': ['read'] }, { exp: now() - 10, nbf: now() + 10 })),
    ).resolves.toBeInstanceOf(Array);
  });

  it('refuses a token without exp', async () => {
    const noExp = await new SignJWT({ sessions: { '*/*': ['read'] } })
      .setProtectedHeader({ alg: 'ES256', kid: ec.kid })
      .setSubject('mallory')
      .sign(ec.privateKey);
    await refused(tenants(noExp), 401, 'UNAUTHENTICATED', /exp/);
  });
});

describe('a rotation that lands while a token is being checked', () => {
  it('does not remember an old-key token against the new key set: the next call refuses it', async () => {
    const [k1, k2] = await Promise.all([newKey('race-1', 'RS256'), newKey('race-2', 'RS256')]);
    const idp = await serveJwks([k1]);
    const verify = createVerifier({ jwksUrl: idp.url, jwksCooldownMs: 0 });
    try {
      const claims = { 'test/*': ['read'] };
      await verify(`Bearer ${await idpToken(k1, claims, { sub: 'warm-up' })}`);
      const old = await idpToken(k1, claims, { sub: 'old-key' });
      const rotated = await idpToken(k2, claims, { sub: 'new-key' });
      idp.publish([k2]);
      // A slow signature check (a loaded machine): the new kid's fetch completes while the
      // old-key token is still being checked against the set it started with.
      const subtle = globalThis.crypto.subtle;
      const original = subtle.verify.bind(subtle);
      const slow = vi.spyOn(subtle, 'verify').mockImplementation(async (...args) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return original(...args);
      });
      try {
        await Promise.allSettled([verify(`Bearer ${rotated}`), verify(`Bearer ${old}`)]);
      } finally {
        slow.mockRestore();
      }
      await expect(verify(`Bearer ${old}`)).rejects.toThrow(/refused/);
      await expect(verify(`Bearer ${rotated}`)).resolves.toMatchObject({ sub: 'new-key' });
    } finally {
      await idp.close();
    }
  });
});

describe('grants', () => {
  it('a wildcard grant reads every tenant; a narrower one only its own, unknown and ungranted alike', async () => {
    const wide = await idpToken(rsa, { '*/*': ['read'] });
    const narrow = await idpToken(rsa, { 'test/main': ['read'] });
    expect(await tenants(wide)).toHaveLength(2);
    expect((await tenants(narrow)).map((t) => t.tenantId)).toEqual(['main']);
    await expect(sidecar.client(narrow).sessions.list.query(main)).resolves.toHaveProperty('rows');
    await refused(sidecar.client(narrow).sessions.list.query(other), 403, 'NO_READ');
    await refused(sidecar.client(narrow).sessions.list.query(refOf('nope')), 403, 'NO_READ');
    await refused(sidecar.client(wide).sessions.list.query(refOf('nope')), 404, 'UNKNOWN_TENANT');
  });

  it('rights add up over matching entries: read everywhere, kill on one tenant', async () => {
    const token = await idpToken(ec, { 'test/*': ['read'], 'test/main': ['kill'] });
    const listed = await tenants(token);
    expect(listed.map((t) => [t.tenantId, t.rights])).toEqual([
      ['main', ['kill', 'read']],
      ['other', ['read']],
    ]);
  });

  it.each([
    ['sessions.kill', 'kill'],
    ['sessions.killQuery', 'killQuery'],
  ] as const)('a read-only token cannot use %s: NO_KILL, and the victim lives', async (_name, procedure) => {
    const token = await idpToken(rsa, { 'test/*': ['read'] });
    const busy = victim.busy();
    const result = sidecar
      .client(token)
      .sessions[procedure].mutate({ ...main, sessionKeys: [keyOf(victim.id)] });
    await refused(result, 403, 'NO_KILL', /read but not kill/);
    const settled = await Promise.race([
      busy.then(() => 'ended'),
      new Promise((r) => setTimeout(() => r('running'), 300)),
    ]);
    expect(settled).toBe('running');
    await admin.query('KILL QUERY ?', [victim.id]);
    expect((await busy)?.errno).toBe(1317);
  });
});
