import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeAnswersWith } from './whole';

// Slow readers: an answer written to a reader that does not read stays in the sidecar's memory
// until the kernel takes it. Those answers together are bounded; a reader that goes away frees its share.
const MiB = 1024 * 1024;
const whole = wholeAnswersWith({ maxAnswerBytes: 64 * MiB, maxUnreadBytes: 40 * MiB });
const app = express();
app.get('/big', whole, (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ data: 'x'.repeat(30 * MiB) }));
});
let server: ReturnType<typeof app.listen>;
let port = 0;
beforeAll(async () => {
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** A client that sends its request and reads only the status line, then nothing more. */
const slowReader = (): Promise<{ socket: Socket; status: number }> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.write(`GET /big HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      resolve({ socket, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1]) });
    });
  });

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('answers kept for slow readers', () => {
  it('refuses new answers while the unread ones fill the bound, and takes them again once a reader left', async () => {
    const first = await slowReader();
    expect(first.status).toBe(200);
    // Most of its 30 MiB wait in the sidecar: the kernel's buffers take a few MiB at most.
    expect(whole.unreadBytes()).toBeGreaterThan(20 * MiB);
    const second = await slowReader();
    expect(second.status).toBe(429);
    second.socket.destroy();
    first.socket.destroy();
    await until(() => whole.unreadBytes() === 0);
    expect(whole.unreadBytes()).toBe(0);
    const third = await slowReader();
    expect(third.status).toBe(200);
    third.socket.destroy();
  });
});
