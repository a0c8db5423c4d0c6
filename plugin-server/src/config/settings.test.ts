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

  it('reads the snapshot freshness (0 allowed) and bound, 1000 ms and 100,000 by default', () => {
    expect(readSettings({})).toMatchObject({ snapshotFreshMs: 1000, snapshotMax: 100_000 });
    expect(readSettings({ SESSIONS_SNAPSHOT_FRESH_MS: '0', SESSIONS_SNAPSHOT_MAX: '5000' })).toMatchObject({
      snapshotFreshMs: 0,
      snapshotMax: 5000,
    });
    expect(() => readSettings({ SESSIONS_SNAPSHOT_FRESH_MS: '-1' })).toThrow(/SESSIONS_SNAPSHOT_FRESH_MS/);
    expect(() => readSettings({ SESSIONS_SNAPSHOT_MAX: '0' })).toThrow(/SESSIONS_SNAPSHOT_MAX/);
  });

  it('reads the bounds of live views: 8 per operator, 500 in all, a page again after 30 s, a slow reader dropped after 15 s', () => {
    expect(readSettings({}).watch).toEqual({ perOperator: 8, max: 500, refreshMs: 30_000, slowMs: 15_000 });
    expect(
      readSettings({
        SESSIONS_WATCH_PER_OPERATOR: '2',
        SESSIONS_WATCH_MAX: '40',
        SESSIONS_WATCH_REFRESH_MS: '0',
        SESSIONS_WATCH_SLOW_MS: '5000',
      }).watch,
    ).toEqual({ perOperator: 2, max: 40, refreshMs: 0, slowMs: 5000 });
    expect(() => readSettings({ SESSIONS_WATCH_PER_OPERATOR: '0' })).toThrow(/SESSIONS_WATCH_PER_OPERATOR/);
    expect(() => readSettings({ SESSIONS_WATCH_MAX: 'many' })).toThrow(/SESSIONS_WATCH_MAX/);
    expect(() => readSettings({ SESSIONS_WATCH_SLOW_MS: '10' })).toThrow(/SESSIONS_WATCH_SLOW_MS/);
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

  it('reads the audit, the allowed origins and the close rate', () => {
    expect(readSettings({})).toMatchObject({
      audit: undefined,
      allowedOrigins: new Set(),
      closeRatePerMinute: 30,
      closeSessionsPerMinute: 2000,
    });
    expect(
      readSettings({
        SESSIONS_AUDIT: 'mysql://a:b@db:3306/meta',
        SESSIONS_ALLOWED_ORIGINS: 'https://console.example, http://127.0.0.1:8080',
        SESSIONS_CLOSE_RATE: '5',
        SESSIONS_CLOSE_SESSIONS_RATE: '150',
      }),
    ).toMatchObject({
      audit: 'mysql://a:b@db:3306/meta',
      allowedOrigins: new Set(['https://console.example', 'http://127.0.0.1:8080']),
      closeRatePerMinute: 5,
      closeSessionsPerMinute: 150,
    });
  });

  it.each([
    [{ SESSIONS_ALLOWED_ORIGINS: 'https://console.example/path' }, /not an origin/],
    [{ SESSIONS_ALLOWED_ORIGINS: '*' }, /not an origin/],
    [{ SESSIONS_CLOSE_RATE: '0' }, /SESSIONS_CLOSE_RATE must be an integer/],
    [{ SESSIONS_JWKS_URL: 'http://idp.example/jwks' }, /https/],
    [{ SESSIONS_JWKS_URL: 'not a url' }, /not a URL/],
  ])('refuses %j', (env, message) => {
    expect(() => readSettings(env)).toThrow(message);
  });

  it('accepts a JWKS over plain http on loopback only', () => {
    expect(readSettings({ SESSIONS_JWKS_URL: 'http://127.0.0.1:9/jwks' }).jwksUrl).toBe(
      'http://127.0.0.1:9/jwks',
    );
    expect(() => identityPlan(readSettings({ HOST: '10.0.0.1' }))).toThrow(
      /generated secret is for loopback only/,
    );
  });
});
