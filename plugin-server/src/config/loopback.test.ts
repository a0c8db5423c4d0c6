import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackLiteral, resolvesToLoopback } from './loopback';
import { identityPlan, readSettings } from './settings';

// Loopback is decided on addresses: a name is resolved (here by a resolver handed in, so that no
// DNS query leaves the machine; localhost by the system's, from /etc/hosts).
const resolver = (table: Record<string, string[]>) => async (host: string) => {
  const addresses = table[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address }));
};

describe('loopback', () => {
  it('knows loopback addresses, written in every way a socket or a URL shows them', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of [
      '0.0.0.0',
      '10.0.0.1',
      '::',
      '::ffff:10.0.0.1',
      '128.0.0.1',
      'localhost',
      '127.attacker.example',
    ])
      expect(isLoopbackAddress(address), address).toBe(false);
  });

  it('never takes a name for loopback by its look', () => {
    expect(isLoopbackLiteral('localhost')).toBe(true);
    for (const name of [
      '127.attacker.example',
      '127.0.0.1.nip.io',
      'localhost.attacker.example',
      '::1.example',
    ])
      expect(isLoopbackLiteral(name), name).toBe(false);
  });

  it('resolves a name: loopback only when every address is', async () => {
    const dns = resolver({
      '127.attacker.example': ['203.0.113.7'],
      'split.example': ['127.0.0.1', '203.0.113.7'],
      'sidecar.internal': ['127.0.0.1', '::1'],
    });
    expect(await resolvesToLoopback('127.attacker.example', dns)).toBe(false);
    expect(await resolvesToLoopback('split.example', dns)).toBe(false);
    expect(await resolvesToLoopback('no-such.example', dns)).toBe(false);
    expect(await resolvesToLoopback('sidecar.internal', dns)).toBe(true);
    expect(await resolvesToLoopback('127.0.0.9')).toBe(true);
    expect(await resolvesToLoopback('0.0.0.0')).toBe(false);
    expect(await resolvesToLoopback('localhost')).toBe(true);
  });

  it('refuses a generated secret and the sign-in off loopback, naming the setting', () => {
    expect(() => identityPlan(readSettings({ HOST: '127.attacker.example' }))).toThrow(
      /generated secret is for loopback only/,
    );
    const secret = { SESSIONS_JWT_SECRET: 'x'.repeat(32), SESSIONS_PORTAL_SIGNIN: '1' };
    for (const HOST of ['0.0.0.0', '10.0.0.1', '127.attacker.example'])
      expect(() => identityPlan(readSettings({ ...secret, HOST })), HOST).toThrow(
        /SESSIONS_PORTAL_SIGNIN=1 .* loopback only/,
      );
    // As resolved: a name main.ts found to be loopback is loopback.
    expect(identityPlan(readSettings({ ...secret, HOST: 'sidecar.internal' }), true).portalSignin).toBe(true);
    expect(() => identityPlan(readSettings({ ...secret, HOST: 'localhost' }), false)).toThrow(
      /SESSIONS_PORTAL_SIGNIN/,
    );
  });
});
