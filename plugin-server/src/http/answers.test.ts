import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidecarError } from '../errors/sidecarError';
import { sendSidecarError } from './answers';

let url = '';
let close: () => void = () => undefined;
beforeAll(async () => {
  const app = express();
  app.get('/busy', (_req, res) =>
    sendSidecarError(
      res,
      new SidecarError('TOO_MANY_REQUESTS', 'slow down', { perMinute: '30' }, { retryAfterSeconds: 7 }),
    ),
  );
  app.get('/down', (_req, res) =>
    sendSidecarError(
      res,
      new SidecarError('TENANT_UNREACHABLE', 'Cannot reach db:3306', { address: 'db:3306' }),
    ),
  );
  await new Promise<void>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      close = () => void server.close();
      resolve();
    });
  });
});
afterAll(() => close());

describe('a SidecarError answered outside tRPC', () => {
  it("has tRPC's error shape, the reason's status, its parameters and Retry-After", async () => {
    const busy = await fetch(`${url}/busy`);
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('7');
    expect(await busy.json()).toEqual({
      error: {
        message: 'slow down',
        code: -32600,
        data: {
          code: 'TOO_MANY_REQUESTS',
          httpStatus: 429,
          reason: 'TOO_MANY_REQUESTS',
          params: { perMinute: '30' },
          retryAfterSeconds: 7,
        },
      },
    });
    const down = await fetch(`${url}/down`);
    expect(down.status).toBe(503);
    expect((await down.json()).error.data).toMatchObject({
      reason: 'TENANT_UNREACHABLE',
      params: { address: 'db:3306' },
    });
  });
});
