import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localTenant } from '../config/load';
import { OwnConnections } from '../connections/own';
import { TenantHandle } from './handle';
import { QUEUE_LIMIT } from './pool';

// A real pool of one connection on the real server: one call holds it in SLEEP, QUEUE_LIMIT more
// wait for it, and the next finds the queue full. That is the sidecar being busy, not the database down.
const url = inject('mysqlUrl');
const handle = new TenantHandle(
  { ...localTenant(url), tenantId: 'busy-unit', poolSize: 1, statementTimeoutMs: 20_000 },
  pino({ level: 'silent' }),
  new OwnConnections(),
);
afterAll(() => handle.close());

describe('a full pool', () => {
  it('answers TENANT_BUSY with when to retry, not TENANT_UNREACHABLE, and leaves the tenant healthy', async () => {
    const holding = handle.withConnection(({ read }) => read({ sql: 'SELECT SLEEP(1.5) AS s', values: [] }));
    // Let the first call take the connection before the others queue behind it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waiting = Array.from({ length: QUEUE_LIMIT }, () =>
      handle.withConnection(({ read }) => read({ sql: 'SELECT 1 AS n', values: [] })),
    );
    const refused = await handle
      .withConnection(({ read }) => read({ sql: 'SELECT 1 AS n', values: [] }))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toMatchObject({
      reason: 'TENANT_BUSY',
      code: 'SERVICE_UNAVAILABLE',
      httpStatus: 503,
      retryAfterSeconds: 1,
      params: { tenant: 'local/busy-unit', poolSize: '1', queueLimit: String(QUEUE_LIMIT) },
    });
    const message = (refused as Error).message;
    expect(message).toMatch(/sidecar is busy/);
    expect(message).toMatch(/not sent to the database/);
    expect(message).not.toMatch(/Cannot reach/);
    // The held and the queued calls all finish; busy did not mark the tenant as failing.
    await holding;
    expect((await Promise.all(waiting)).length).toBe(QUEUE_LIMIT);
    expect(handle.lastFailure).toBeNull();
  });
});
