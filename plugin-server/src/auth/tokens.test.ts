import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { createVerifier, signOperatorToken } from './tokens';

const secret = new TextEncoder().encode('unit-test-secret-unit-test-secret!!');
const verify = createVerifier({ secret });
const bearer = (token: string) => `Bearer ${token}`;
const sign = (claims: Record<string, unknown>, exp: number | string = '5m', key = secret, sub = 'alice') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime(exp).sign(key);

describe('verifying operator tokens', () => {
  it('answers the operator and the sessions claim', async () => {
    const token = await sign({ sessions: { 'prod-1/*': ['read'], 'prod-1/trade': ['read', 'kill'] } });
    expect(await verify(bearer(token))).toEqual({
      sub: 'alice',
      claim: { 'prod-1/*': ['read'], 'prod-1/trade': ['read', 'kill'] },
    });
  });

  it('accepts the tokens it signs itself', async () => {
    const { token, expiresAt } = await signOperatorToken(secret, {
      operator: 'demo',
      rights: ['read'],
      ttlSeconds: 60,
    });
    expect(await verify(bearer(token))).toEqual({ sub: 'demo', claim: { '*/*': ['read'] } });
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('allows a small clock skew but not an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verify(bearer(await sign({ sessions: {} }, now - 10)))).resolves.toBeTruthy();
    await expect(verify(bearer(await sign({ sessions: {} }, now - 120)))).rejects.toThrow(/exp/);
  });

  it('remembers a verified token only while it is valid, and never a refused one', async () => {
    const now = Date.now();
    const token = await sign({ sessions: { 'a/b': ['read'] } }, Math.floor(now / 1000) + 60);
    const once = await verify(bearer(token));
    expect(await verify(bearer(token))).toEqual(once);
    const other = new TextEncoder().encode('another-secret-another-secret-another');
    const forged = await sign({ sessions: {} }, '5m', other);
    await expect(verify(bearer(forged))).rejects.toThrow(/signature/);
    await expect(verify(bearer(forged))).rejects.toThrow(/signature/);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(now + 120_000);
      await expect(verify(bearer(token))).rejects.toThrow(/exp/);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['no header', undefined, /Bearer/],
    ['another scheme', 'Basic abc', /Bearer/],
    ['garbage', 'Bearer abc.def.ghi', /refused|not accepted/],
  ])('refuses %s', async (_what, header, message) => {
    await expect(verify(header)).rejects.toThrow(message);
  });

  it('refuses a wrong signature, a token without exp, alg none, and a malformed claim', async () => {
    const other = new TextEncoder().encode('another-secret-another-secret-another');
    await expect(verify(bearer(await sign({ sessions: {} }, '5m', other)))).rejects.toThrow(/signature/);
    const noExp = await new SignJWT({ sessions: {} })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .sign(secret);
    await expect(verify(bearer(noExp))).rejects.toThrow(/exp/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a","exp":9999999999}').toString('base64url')}.`;
    await expect(verify(bearer(none))).rejects.toThrow(/none|not accepted/);
    await expect(verify(bearer(await sign({ sessions: { 'no-slash': ['read'] } })))).rejects.toThrow(
      /sessions/,
    );
    await expect(verify(bearer(await sign({ sessions: { 'a/b': ['admin'] } })))).rejects.toThrow(/sessions/);
  });
});

describe('tokens from a JWKS (SESSIONS_JWKS_URL)', () => {
  it('verifies ES256 tokens with the published key, and refuses HS256 ones when no secret is set', async () => {
    const { createServer } = await import('node:http');
    const { exportJWK, generateKeyPair } = await import('jose');
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const fromIdp = createVerifier({ jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
      const token = await new SignJWT({ sessions: { 'prod-1/*': ['read'] } })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('bob')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect(await fromIdp(bearer(token))).toEqual({ sub: 'bob', claim: { 'prod-1/*': ['read'] } });
      await expect(fromIdp(bearer(await sign({ sessions: {} })))).rejects.toThrow(/HS256 are not accepted/);
    } finally {
      server.close();
    }
  });
});
