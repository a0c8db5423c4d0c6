import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, waitFor } from '../support/db';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { refOf, url } from '../support/testServer';

const tenant = refOf('own');

let admin: Connection;
let account: Account;
let sidecar: TestSidecar;

const sidecarConnections = async () => {
  const [rows] = await admin.query<RowDataPacket[]>(
    'SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?',
    [account.user],
  );
  return rows.length;
};

beforeAll(async () => {
  admin = await connect(url);
  account = await createAccount(admin, 'sidecar', ['PROCESS ON *.*']);
  sidecar = await startSidecar([tenantOn(url, 'own', { account })]);
});

afterAll(async () => {
  await account?.drop();
  await admin?.end();
});

describe('stopping (SIGTERM)', () => {
  it('finishes the call in flight, refuses new ones, and closes the pools', async () => {
    await expect(sidecar.api.sessions.list.query(tenant)).resolves.toHaveProperty('rows');
    expect(await sidecarConnections()).toBeGreaterThan(0);

    // A call in flight: its body is still arriving when the stop begins. Raw: the test holds the
    // request body back on the wire, which a client call cannot do.
    const body = new TextEncoder().encode(JSON.stringify({ ...tenant, sessionKeys: ['127.0.0.1:1#1'] }));
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const inFlight = fetch(`${sidecar.url}/trpc/sessions.kill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sidecar.admin}` },
      body: new ReadableStream({
        start(controller) {
          feed = controller;
          controller.enqueue(body.slice(0, 10));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = sidecar.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A new call while stopping is answered 503 at once (not a refused connection).
    const refused = await fetch(`${sidecar.url}/healthz`);
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.message).toMatch(/stopping/);
    feed.enqueue(body.slice(10));
    feed.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect((await answer.json()).result.data.results[0].outcome).toBe('not_found');
    await stopped;
    await waitFor(async () => (await sidecarConnections()) === 0, 'the pools to be closed');
  });
});
