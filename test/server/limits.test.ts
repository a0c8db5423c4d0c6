import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HardenedSidecar, startHardened } from '../support/hardened';
import { tenantOn } from '../support/sidecar';
import { url } from '../support/testServer';

// The HTTP server's own limits (server.ts; README, "Hardening"), here with short timeouts so the
// test need not wait 10 s: a client that never finishes its headers or its body is cut off, an
// idle kept-alive connection is closed, and connections past the cap are refused as they come.
// And /trpc answers vary by Origin as well as by tRPC's own headers. All raw (sockets, fetch):
// every case is about the wire itself (timeouts, the connection cap, Vary headers).
let quick: HardenedSidecar;
let capped: HardenedSidecar;

beforeAll(async () => {
  quick = await startHardened(
    [tenantOn(url, 'main')],
    {},
    {
      limits: { headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 300, checkEveryMs: 100 },
    },
  );
  capped = await startHardened([tenantOn(url, 'main')], {}, { maxConnections: 3 });
});

afterAll(async () => {
  await quick?.stop(100);
  await capped?.stop(100);
});

/** A raw connection: what the server sent, and when it closed it (ms after opening). */
const open = (port: number) => {
  const socket: Socket = connect(port, '127.0.0.1');
  const opened = Date.now();
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, connected, received: () => received };
};

describe('the HTTP server limits', () => {
  it('cuts off a client that never finishes its headers (slowloris)', async () => {
    const c = open(quick.port);
    await c.connected;
    c.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${quick.port}\r\nX-Slow: `);
    const ms = await c.closed;
    expect(ms).toBeLessThan(3000);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a client that never finishes its body', async () => {
    const c = open(quick.port);
    await c.connected;
    c.socket.write(
      `POST /trpc/sessions.kill HTTP/1.1\r\nHost: 127.0.0.1:${quick.port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
    );
    expect(await c.closed).toBeLessThan(4000);
  });

  it('closes an idle kept-alive connection', async () => {
    const c = open(quick.port);
    await c.connected;
    c.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${quick.port}\r\n\r\n`);
    const ms = await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeLessThan(2000);
  });

  it('refuses connections past the cap, and takes them again once one closed', async () => {
    const held = [open(capped.port), open(capped.port), open(capped.port)];
    await Promise.all(held.map((c) => c.connected));
    // Let the server count them before the next arrives.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const extra = open(capped.port);
    extra.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${capped.port}\r\n\r\n`);
    expect(await extra.closed).toBeLessThan(2000);
    expect(extra.received()).toBe('');
    held[0]?.socket.destroy();
    await held[0]?.closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${capped.url}/healthz`)).status).toBe(200);
    for (const c of held) c.socket.destroy();
  });
});

describe('Vary on /trpc answers', () => {
  it("keeps Origin beside tRPC's own Vary, on answers and on errors", async () => {
    const ok = await fetch(`${quick.url}/trpc/tenants.list?input=%7B%7D`, {
      headers: { authorization: `Bearer ${quick.admin}`, origin: 'https://console.example' },
    });
    expect(ok.status).toBe(200);
    const vary = (ok.headers.get('vary') ?? '').toLowerCase();
    expect(vary).toMatch(/\borigin\b/);
    expect(vary).toMatch(/\btrpc-accept\b/);
    const refused = await fetch(`${quick.url}/trpc/tenants.list?input=%7B%7D`);
    expect(refused.status).toBe(401);
    expect((refused.headers.get('vary') ?? '').toLowerCase()).toMatch(/\borigin\b/);
  });
});
