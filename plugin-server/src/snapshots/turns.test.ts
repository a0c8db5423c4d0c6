import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTurns } from './turns';

const busy = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {}
};

// Work released all at once (a snapshot 300 lists waited for) runs one piece per turn of the
// event loop: a request that arrives meanwhile is answered between two pieces, not after all.
describe('turns of the event loop', () => {
  it('lets a request in between waiters released together, which run in arrival order', async () => {
    const events: string[] = [];
    const server = createServer((_req, res) => {
      events.push('answered');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const turn = createTurns();
    const released = Promise.resolve();
    const pieces = Array.from({ length: 20 }, (_v, i) =>
      released.then(async () => {
        await turn();
        events.push(`piece ${i}`);
        busy(15);
      }),
    );
    const answer = fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    await Promise.all(pieces);
    expect(await answer).toBe('ok');
    server.close();
    const at = events.indexOf('answered');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(events.length - 1);
    expect(events.filter((e) => e !== 'answered')).toEqual(
      Array.from({ length: 20 }, (_v, i) => `piece ${i}`),
    );
  });
});
