import { listInput, type SessionPage, type WatchEvent } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { createSessionsApi } from '../src/api/client';
import { server } from '../src/test/server';
import { VISIT_MS, VISITS_LIVE } from './churn';
import { demoHandlers } from './handlers';
import { DemoStore } from './store';

const trade = { clusterId: 'prod-1', tenantId: 'trade' };
const visitors = (page: SessionPage) => page.rows.filter((r) => r.user === 'app_visitor').map((r) => r.id);

describe("the demo's moving sessions", () => {
  it('come and go with the clock, their times advancing; a closed one stays gone', () => {
    let now = 10 * VISIT_MS;
    const store = new DemoStore(() => now, { moving: true });
    const list = () => store.list(listInput.parse({ ...trade, pageSize: 1000 }));
    const first = visitors(list());
    expect(first).toHaveLength(VISITS_LIVE);

    now += VISIT_MS;
    const second = visitors(list());
    expect(second).toHaveLength(VISITS_LIVE);
    expect(second.filter((id) => !first.includes(id))).toHaveLength(1);
    expect(first.filter((id) => !second.includes(id))).toHaveLength(1);

    const [kept] = second.filter((id) => first.includes(id));
    const row = list().rows.find((r) => r.id === kept);
    expect(row?.timeSeconds).toBeGreaterThanOrEqual(VISIT_MS / 1000);
    store.kill('session', { ...trade, sessionKeys: [row?.key ?? ''] });
    now += 1;
    expect(visitors(list())).not.toContain(kept);
  });

  it('stay still without `moving` (the tests of the store and handlers count them)', () => {
    let now = 1_000_000;
    const store = new DemoStore(() => now);
    const before = store.list(listInput.parse({ ...trade, pageSize: 1000 })).total;
    now += 10 * VISIT_MS;
    expect(store.list(listInput.parse({ ...trade, pageSize: 1000 })).total).toBe(before);
  });
});

describe("the demo's sessions.watch", () => {
  it("streams pages to the parcel's client as they change, the token in the header", async () => {
    server.use(...demoHandlers(new DemoStore(Date.now, { moving: true })));
    const signIn = await fetch(`${location.origin}/portal/session`, { method: 'POST', body: '{}' });
    const { token } = (await signIn.json()) as { token: string };
    const lifetime = new AbortController();
    const api = createSessionsApi({
      url: `${location.origin}/trpc`,
      getAuthToken: () => token,
      lifetime: lifetime.signal,
    });
    const pages: SessionPage[] = [];
    const newVisitor = new Promise<void>((resolve, reject) => {
      api.watch(
        { ...trade, activeOnly: false, pageSize: 1000, intervalMs: 1000 },
        {
          onEvent: (event: WatchEvent) => {
            if ('unchanged' in event) return;
            pages.push(event);
            const seen = new Set(visitors(pages[0] as SessionPage));
            if (visitors(event).some((id) => !seen.has(id))) resolve();
          },
          onError: reject,
          onComplete: () => reject(new Error('the stream ended')),
        },
      );
    });
    try {
      await newVisitor;
    } finally {
      lifetime.abort();
    }
    expect(pages.length).toBeGreaterThanOrEqual(2);
  }, 15_000);

  it('ends the stream with UNAUTHENTICATED for a bad token', async () => {
    server.use(...demoHandlers(new DemoStore(Date.now, { moving: true })));
    const lifetime = new AbortController();
    const api = createSessionsApi({
      url: `${location.origin}/trpc`,
      getAuthToken: () => 'demo.bad',
      lifetime: lifetime.signal,
    });
    const error = await new Promise<unknown>((resolve) => {
      api.watch(
        { ...trade, intervalMs: 1000 },
        { onEvent: () => {}, onError: resolve, onComplete: () => resolve(null) },
      );
    });
    lifetime.abort();
    expect((error as { data?: { reason?: string } }).data?.reason).toBe('UNAUTHENTICATED');
  });
});
