import { describe, expect, it } from 'vitest';
import { identityPlan, readSettings } from './settings';

describe('settings from the environment', () => {
  it('defaults to 127.0.0.1:3300', () => {
    expect(readSettings({})).toMatchObject({
      host: '127.0.0.1',
      port: 3300,
      portalSignin: false,
      poolIdleMs: 60_000,
    });
  });

  it('refuses a bad port and a short secret', () => {
    expect(() => readSettings({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => readSettings({ SESSIONS_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
  });

  it('generates a secret on loopback only, and lets the portal sign in with it', () => {
    expect(identityPlan(readSettings({}))).toEqual({ generateSecret: true, portalSignin: true });
    expect(() => identityPlan(readSettings({ HOST: '0.0.0.0' }))).toThrow(/SESSIONS_JWT_SECRET/);
  });

  it('keeps the portal sign-in off with a configured secret unless SESSIONS_PORTAL_SIGNIN=1', () => {
    const secret = 'x'.repeat(32);
    expect(identityPlan(readSettings({ SESSIONS_JWT_SECRET: secret, HOST: '0.0.0.0' }))).toEqual({
      generateSecret: false,
      portalSignin: false,
    });
    expect(
      identityPlan(readSettings({ SESSIONS_JWT_SECRET: secret, SESSIONS_PORTAL_SIGNIN: '1' })).portalSignin,
    ).toBe(true);
    expect(
      identityPlan(
        readSettings({ SESSIONS_JWKS_URL: 'https://idp.example/jwks', SESSIONS_PORTAL_SIGNIN: '1' }),
      ),
    ).toEqual({ generateSecret: false, portalSignin: false });
  });
});
