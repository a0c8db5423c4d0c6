import { auditListInput, listInput } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { DemoStore } from './store';

const trade = { clusterId: 'prod-1', tenantId: 'trade' };
const list = (store: DemoStore, input: Record<string, unknown> = {}) =>
  store.list(listInput.parse({ ...trade, ...input }));

describe('the demo store', () => {
  it('holds OceanBase-shaped sessions: observers, OBProxy, 64-bit ids, one id on two observers', () => {
    const rows = list(new DemoStore(() => 1_000_000), { pageSize: 1000 }).rows;
    expect(new Set(rows.map((r) => r.observer)).size).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.obproxy) && rows.some((r) => !r.obproxy)).toBe(true);
    expect(rows.some((r) => r.status === 'ACTIVE') && rows.some((r) => r.status === 'SLEEP')).toBe(true);
    expect(rows.find((r) => r.id === '18446744073709551615')?.sqlTruncated).toBe(true);
    expect(rows.find((r) => r.id === '3221487617')?.otherObservers).toHaveLength(1);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('filters, sorts and pages like the sidecar', () => {
    const store = new DemoStore(() => 1_000_000);
    const page = list(store, {
      activeOnly: true,
      user: 'APP_',
      sort: { column: 'timeSeconds', direction: 'asc' },
      pageSize: 5,
    });
    expect(page.rows).toHaveLength(5);
    expect(page.rows.every((r) => r.status === 'ACTIVE' && r.user.startsWith('app_'))).toBe(true);
    const times = page.rows.map((r) => r.timeSeconds);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(page.total).toBeGreaterThan(5);
  });

  it('closes for real, and refuses what it must', () => {
    const store = new DemoStore(() => 1_000_000);
    const key = '10.0.1.12:2882#3221487617';
    const seen = { user: 'app_order', source: '10.2.3.17:40877' };
    expect(
      store.kill('session', { ...trade, sessionKeys: [key], expected: { [key]: { ...seen, user: 'x' } } })[0]
        ?.outcome,
    ).toBe('changed');
    expect(
      store.kill('session', { ...trade, sessionKeys: [key], expected: { [key]: seen } })[0]?.outcome,
    ).toBe('killed');
    expect(list(store, { pageSize: 1000 }).rows.some((r) => r.id === '3221487617')).toBe(false);
    expect(store.kill('session', { ...trade, sessionKeys: [key] })[0]?.outcome).toBe('not_found');
    expect(store.kill('query', { ...trade, sessionKeys: ['10.0.1.11:2882#1'] })[0]?.outcome).toBe(
      'protected',
    );
    expect(() => list(store, { tenantId: 'legacy' })).toThrow(/10\.0\.3\.9:2881/);
  });

  it('records every close attempt in its audit, newest first, by tenant, operator and outcome', () => {
    let now = 1_000_000;
    const store = new DemoStore(() => now);
    const key = '10.0.1.12:2882#3221487617';
    store.kill('query', { ...trade, sessionKeys: [key] }, 'alice');
    now += 1000;
    store.kill('session', { ...trade, sessionKeys: [key, '10.0.1.11:2882#1'] }, 'bob');
    const audit = (input: Record<string, unknown> = {}) =>
      store.audit(auditListInput.parse({ ...trade, ...input }));
    const all = audit();
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => [r.operator, r.kind, r.outcome])).toEqual([
      ['bob', 'session', 'protected'],
      ['bob', 'session', 'killed'],
      ['alice', 'query', 'killed'],
    ]);
    expect(all.rows[2]).toMatchObject({
      sessionId: '3221487617',
      user: 'app_order',
      time: new Date(1_000_000).toISOString(),
    });
    expect(audit({ operator: 'alice' }).total).toBe(1);
    expect(audit({ outcome: 'protected' }).rows).toHaveLength(1);
    expect(audit({ pageSize: 2, pageIndex: 1 }).rows).toHaveLength(1);
    expect(audit({ tenantId: 'pay' }).total).toBe(0);
  });
});
