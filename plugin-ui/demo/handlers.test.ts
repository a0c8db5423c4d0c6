import type { AppRouter } from '@tenant-sessions/plugin-server';
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { server } from '../src/test/server';
import { demoHandlers } from './handlers';
import { DemoStore } from './store';

const trade = { clusterId: 'prod-1', tenantId: 'trade' };
const base = () => `${location.origin}/trpc`;

async function signIn(rights: string[]): Promise<string> {
  const answer = await fetch(`${location.origin}/portal/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operator: 'alice', rights }),
  });
  return ((await answer.json()) as { token: string }).token;
}

/** The parcel's own kind of client: batched, plain JSON, the token on every request. */
function demo(rights: string[] | null) {
  const store = new DemoStore(() => 1_000_000);
  server.use(...demoHandlers(store));
  const token = rights ? signIn(rights) : Promise.resolve('none');
  const requests: string[] = [];
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: base(),
        headers: async () => ({ authorization: `Bearer ${await token}` }),
        fetch: (url, init) => {
          requests.push(String(url));
          return fetch(url, init);
        },
      }),
    ],
  });
  return { store, client, requests, token };
}

const reasonOf = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return (error as TRPCClientError<AppRouter>).data as { reason?: string; httpStatus?: number } | undefined;
};

describe('the demo over MSW: msw-trpc handlers typed against AppRouter, batches split', () => {
  it('answers a batch of queries in one request, by the store', async () => {
    const { store, client, requests } = demo(['read']);
    const [tenants, page] = await Promise.all([
      client.tenants.list.query({ clusterId: 'prod-1' }),
      client.sessions.list.query({ ...trade, group: { by: 'user', value: 'app_order' }, pageSize: 1000 }),
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain('tenants.list,sessions.list?batch=1');
    expect(tenants.map((t) => t.tenantId)).toEqual(['trade', 'pay', 'legacy']);
    expect(tenants[0]?.rights).toEqual(['read']);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.user === 'app_order')).toBe(true);
    expect(page.total).toBe(
      store.stats({ ...trade, activeOnly: false }).byUser.find((g) => g.value === 'app_order')?.total,
    );
  });

  it('answers sessions.stats from the same data', async () => {
    const { store, token } = demo(['read']);
    const input = encodeURIComponent(JSON.stringify({ ...trade, activeOnly: true }));
    const answer = await fetch(`${base()}/sessions.stats?input=${input}`, {
      headers: { authorization: `Bearer ${await token}` },
    });
    expect(answer.status).toBe(200);
    const { result } = (await answer.json()) as { result: { data: unknown } };
    expect(result.data).toEqual(store.stats({ ...trade, activeOnly: true }));
  });

  it('closes with the kill right, through a mutation', async () => {
    const { client } = demo(['read', 'kill']);
    const key = '10.0.1.12:2882#3221487617';
    const report = await client.sessions.kill.mutate({ ...trade, sessionKeys: [key] });
    expect(report.results).toEqual([{ sessionKey: key, outcome: 'killed', message: null }]);
    const page = await client.sessions.list.query({ ...trade, sessionId: '3221487617' });
    expect(page.total).toBe(0);
  });

  it('answers errors with their reason: no kill right, bad input, no token, unknown tenant', async () => {
    const { client } = demo(['read']);
    const key = '10.0.1.12:2882#3221487617';
    expect(await reasonOf(client.sessions.kill.mutate({ ...trade, sessionKeys: [key] }))).toMatchObject({
      reason: 'NO_KILL',
      httpStatus: 403,
    });
    const bad = { ...trade, group: { by: 'host', value: 'x' } } as unknown as Parameters<
      typeof client.sessions.list.query
    >[0];
    expect(await reasonOf(client.sessions.list.query(bad))).toMatchObject({
      reason: 'INVALID_INPUT',
      httpStatus: 400,
    });
    expect(await reasonOf(client.sessions.list.query({ ...trade, tenantId: 'nope' }))).toMatchObject({
      reason: 'UNKNOWN_TENANT',
    });
    const anonymous = demo(null).client;
    expect(await reasonOf(anonymous.sessions.list.query(trade))).toMatchObject({ reason: 'UNAUTHENTICATED' });
  });

  it('answers a client that does not batch too', async () => {
    demo(['read']);
    const token = await signIn(['read']);
    const single = createTRPCClient<AppRouter>({
      links: [httpLink({ url: base(), headers: { authorization: `Bearer ${token}` } })],
    });
    expect((await single.sessions.list.query({ ...trade, sql: 'inventory' })).total).toBeGreaterThan(1);
  });
});
