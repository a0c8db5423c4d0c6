import { auditListInput, LIMITS, listInput } from '@tenant-sessions/contracts';
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

describe('the demo store answers by the sidecar’s rules (the contract’s listPage and statisticsOf)', () => {
  const store = new DemoStore(() => 1_000_000);
  const all = (input: Record<string, unknown> = {}) => list(store, { pageSize: 1000, ...input }).rows;

  it('puts sessions with no database last, whichever the direction', () => {
    for (const direction of ['asc', 'desc']) {
      const rows = all({ sort: { column: 'database', direction } });
      const first = rows.findIndex((r) => r.database === null);
      expect(first).toBeGreaterThan(0);
      expect(rows.slice(first).every((r) => r.database === null)).toBe(true);
    }
  });

  it('breaks ties by id, as 64-bit integers, whichever the direction', () => {
    for (const direction of ['asc', 'desc']) {
      const rows = all({ sort: { column: 'user', direction } });
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1], rows[i]];
        if (a?.user === b?.user) expect(BigInt(a?.id ?? 0) < BigInt(b?.id ?? 0)).toBe(true);
      }
      const etl = rows.filter((r) => r.user === 'etl_job').map((r) => r.id);
      expect(etl.at(-1)).toBe('18446744073709551615');
    }
  });

  it('folds the Greek final sigma: "ΠΩΛΗΣ" finds the account ΠΩΛΗΣΕΙΣ', () => {
    expect(all({ user: 'ΠΩΛΗΣ' }).map((r) => r.user)).toEqual(['ΠΩΛΗΣΕΙΣ']);
    expect(all({ user: 'πωλησεισ' }).map((r) => r.user)).toEqual(['ΠΩΛΗΣΕΙΣ']);
  });

  it('searches by session id digits, SQL text and SQL ID', () => {
    expect(all({ sessionId: '3221487617' }).map((r) => r.id)).toEqual(['3221487617']);
    expect(all({ sessionId: '551615' }).map((r) => r.id)).toEqual(['18446744073709551615']);
    const updates = all({ sql: 'update INVENTORY' });
    expect(updates.length).toBeGreaterThan(1);
    expect(updates.every((r) => r.sqlPreview?.startsWith('UPDATE inventory'))).toBe(true);
    const sqlId = updates[0]?.sqlId?.toLowerCase();
    expect(all({ sqlId }).map((r) => r.id)).toEqual(updates.map((r) => r.id));
  });

  const FIELDS = { user: 'byUser', source: 'bySource', database: 'byDatabase', sql: 'bySql' } as const;

  it('counts statistics whose every row drills down to exactly the sessions it counted', () => {
    for (const activeOnly of [false, true]) {
      const stats = store.stats({ ...trade, activeOnly });
      expect(stats.counts).toEqual(list(store).counts);
      const rows = {
        user: stats.byUser,
        source: stats.bySource,
        database: stats.byDatabase,
        sql: stats.bySql,
      };
      for (const [by, groups] of Object.entries(rows)) {
        expect(groups.length).toBeGreaterThan(1);
        for (const group of groups) {
          const drilled = list(store, { activeOnly, group: { by, value: group.value }, pageSize: 1000 });
          expect(drilled.total).toBe(group.total);
          expect(drilled.rows.filter((r) => r.status === 'ACTIVE')).toHaveLength(group.active);
        }
        const whole = stats.groupTotals[FIELDS[by as keyof typeof FIELDS]];
        if (whole === groups.length)
          expect(groups.reduce((n, g) => n + g.total, 0)).toBe(
            activeOnly ? stats.counts.active : stats.counts.all,
          );
        else {
          // A grouping of more rows than an answer carries: its top rows, and how many it has.
          expect(groups).toHaveLength(LIMITS.statsTopRows);
          expect(whole).toBeGreaterThan(groups.length);
          expect(groups.reduce((n, g) => n + g.total, 0)).toBeLessThan(
            activeOnly ? stats.counts.active : stats.counts.all,
          );
        }
      }
    }
  });

  it('groups source by the client host, and SQL by SQL ID across literals', () => {
    const stats = store.stats({ ...trade, activeOnly: false });
    expect(stats.bySource.every((g) => g.value === null || !/:\d+$/.test(g.value))).toBe(true);
    const update = stats.bySql.find((g) => g.sample?.startsWith('UPDATE inventory'));
    expect(update?.sample).toBe(
      'UPDATE inventory SET stock = stock - ? WHERE sku_id = ? AND warehouse_id = ?',
    );
    const literals = new Set(
      list(store, { group: { by: 'sql', value: update?.value }, pageSize: 1000 }).rows.map(
        (r) => r.sqlPreview,
      ),
    );
    expect(literals.size).toBeGreaterThan(1);
    expect(stats.longestActiveSeconds).toBe(
      Math.max(...list(store, { activeOnly: true, pageSize: 1000 }).rows.map((r) => r.timeSeconds)),
    );
  });

  it("counts the lock chain's waiting sessions and names its blockers, with View Active Sessions Only too", () => {
    for (const activeOnly of [false, true]) {
      const stats = store.stats({ ...trade, activeOnly });
      const rows = list(store, { pageSize: 1000 }).rows;
      expect(stats.waiting).toBe(rows.filter((r) => r.blockedBy.length > 0).length);
      expect(stats.waiting).toBe(3);
      // The sleeping holder first (it blocks 3), then the first waiter (it blocks 1).
      expect(stats.topBlockers.map((b) => [b.id, b.user, b.blocking, b.transactionSeconds])).toEqual([
        ['3221495001', 'app_order', 3, 612.4],
        ['3221495002', 'app_trade', 1, 41.6],
      ]);
      expect(stats.topBlockers.map((b) => b.id)).toEqual(
        list(store, { blockers: true, pageSize: 1000 }).rows.map((r) => r.id),
      );
    }
  });
});
