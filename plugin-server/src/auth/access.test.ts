import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { localTenant } from '../config/load';
import { TenantRegistry } from '../tenants/registry';
import { authorizedTenant } from './access';

const tenant = (clusterId: string, tenantId: string) => ({
  ...localTenant('mysql://root@127.0.0.1:1'),
  clusterId,
  tenantId,
});
const registry = new TenantRegistry(
  [tenant('prod-1', 'trade'), tenant('prod-1', 'pay'), tenant('prod-2', 'audit')],
  {
    log: pino({ level: 'silent' }),
    poolIdleMs: 60_000,
  },
);
afterAll(() => registry.close());

const operator = (claim: Record<string, Array<'read' | 'kill'>>) => ({ sub: 'op', claim });
const reasonOf = (run: () => unknown) => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return `${(error as { reason?: string }).reason ?? '?'}: ${(error as Error).message}`;
  }
};

describe('authorizing a call on a tenant', () => {
  it('allows what the claim grants, wildcards included', () => {
    const op = operator({ 'prod-1/*': ['read'], 'prod-1/trade': ['kill'] });
    expect(authorizedTenant(registry, op, { clusterId: 'prod-1', tenantId: 'pay' }, 'read').ref).toBe(
      'prod-1/pay',
    );
    expect(authorizedTenant(registry, op, { clusterId: 'prod-1', tenantId: 'trade' }, 'kill').ref).toBe(
      'prod-1/trade',
    );
  });

  it('answers NO_KILL to a reader, NO_READ to a stranger', () => {
    const op = operator({ 'prod-1/*': ['read'] });
    expect(
      reasonOf(() => authorizedTenant(registry, op, { clusterId: 'prod-1', tenantId: 'pay' }, 'kill')),
    ).toMatch(/^NO_KILL/);
    expect(
      reasonOf(() => authorizedTenant(registry, op, { clusterId: 'prod-2', tenantId: 'audit' }, 'read')),
    ).toMatch(/^NO_READ/);
  });

  it('tells an unknown tenant apart only to a caller who may read the whole cluster', () => {
    const wide = operator({ 'prod-1/*': ['read'] });
    expect(
      reasonOf(() => authorizedTenant(registry, wide, { clusterId: 'prod-1', tenantId: 'nope' }, 'read')),
    ).toMatch(/^UNKNOWN_TENANT/);
    const narrow = operator({ 'prod-1/trade': ['read'] });
    const unknown = reasonOf(() =>
      authorizedTenant(registry, narrow, { clusterId: 'prod-1', tenantId: 'nope' }, 'read'),
    );
    const hidden = reasonOf(() =>
      authorizedTenant(registry, narrow, { clusterId: 'prod-1', tenantId: 'pay' }, 'read'),
    );
    expect(unknown.replace('nope', 'X')).toBe(hidden.replace('pay', 'X'));
    expect(unknown).toMatch(/^NO_READ/);
  });
});
