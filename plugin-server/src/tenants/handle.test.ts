import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localTenant } from '../config/load';
import { OwnConnections } from '../connections/own';
import { TenantHandle } from './handle';

// A real server: readEach hands rows over as the driver parses them.
const url = inject('mysqlUrl');
const handle = new TenantHandle(
  { ...localTenant(url), tenantId: 'handle-unit' },
  pino({ level: 'silent' }),
  new OwnConnections(),
);
afterAll(() => handle.close());

const SEQUENCE = {
  sql: 'SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3',
  values: [],
};

describe('readEach', () => {
  it('hands every row to the callback, in order, and keeps none', async () => {
    const seen: number[] = [];
    const answer = await handle.withConnection(({ readEach }) =>
      readEach(SEQUENCE, (row) => void seen.push(Number(row.n))),
    );
    expect(answer).toBeUndefined();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rejects with what the callback threw, after the result, and the connection still reads', async () => {
    const seen: number[] = [];
    const again = await handle.withConnection(async ({ readEach, read }) => {
      await expect(
        readEach(SEQUENCE, (row) => {
          seen.push(Number(row.n));
          if (Number(row.n) === 2) throw new Error('mapping failed');
        }),
      ).rejects.toThrow('mapping failed');
      return read({ sql: 'SELECT 7 AS n', values: [] });
    });
    expect(seen).toEqual([1, 2]);
    expect(Number(again[0]?.n)).toBe(7);
  });

  it("answers the server's error as the tenant's failure", async () => {
    await expect(
      handle.withConnection(({ readEach }) =>
        readEach({ sql: 'SELECT * FROM no_such_table_for_read_each', values: [] }, () => undefined),
      ),
    ).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: /handle-unit/ });
  });
});
