import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_MAX_SECONDS, lifetimeProblem } from './lifetime';
import { createVerifier } from './tokens';

const secret = new TextEncoder().encode('lifetime-test-secret-lifetime-test-secret');
const now = () => Math.floor(Date.now() / 1000);
const token = (claims: { exp: number; iat?: number }) =>
  new SignJWT({ sessions: { 'a/*': ['read'] }, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .sign(secret);

describe('how long a token may live', () => {
  const verify = createVerifier({ secret });

  it('refuses by default a token living more than 12 hours, saying so', async () => {
    const t = now();
    for (const exp of [253402300799 /* 9999-12-31 */, 1e20, t + DEFAULT_TOKEN_MAX_SECONDS + 3600]) {
      await expect(verify(`Bearer ${await token({ iat: t, exp })}`)).rejects.toThrow(
        /longer than the 43200 s SESSIONS_TOKEN_MAX_TTL allows/,
      );
    }
    // Without iat, from now.
    await expect(verify(`Bearer ${await token({ exp: t + 13 * 3600 })}`)).rejects.toThrow(/from now/);
  });

  it('accepts 12 hours exactly, from iat or from now', async () => {
    const t = now();
    await expect(verify(`Bearer ${await token({ iat: t, exp: t + 12 * 3600 })}`)).resolves.toBeTruthy();
    await expect(verify(`Bearer ${await token({ exp: t + 12 * 3600 - 5 })}`)).resolves.toBeTruthy();
  });

  it('counts from iat when it is in the past, and from now when iat claims the future', async () => {
    const t = now();
    // Issued 11 h ago, ends in 2 h: 13 h in all.
    expect(
      lifetimeProblem({ iat: t - 11 * 3600, exp: t + 2 * 3600 }, DEFAULT_TOKEN_MAX_SECONDS, 0, t),
    ).toMatch(/lives 46800 s/);
    // An iat a day ahead does not shorten a token that ends in two days.
    expect(
      lifetimeProblem({ iat: t + 86_400, exp: t + 2 * 86_400 }, DEFAULT_TOKEN_MAX_SECONDS, 0, t),
    ).toMatch(/lives 172800 s/);
  });

  it('follows the configured limit', async () => {
    const strict = createVerifier({ secret, maxTokenSeconds: 900 });
    const t = now();
    await expect(strict(`Bearer ${await token({ iat: t, exp: t + 900 })}`)).resolves.toBeTruthy();
    await expect(strict(`Bearer ${await token({ iat: t, exp: t + 3600 })}`)).rejects.toThrow(/900 s/);
  });
});
