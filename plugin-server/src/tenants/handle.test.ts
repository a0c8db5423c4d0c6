import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localTenant } from '../config/load';
import { OwnConnections } from '../connections/own';
import { READ_SLICE_MS, TenantHandle } from './handle';

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

  it('lets the event loop turn while a large result is mapped, every row still in order', async () => {
    // 20,000 rows (a cross join of digits), each costing the mapping 50 µs: a second of work.
    const digits = Array.from({ length: 10 }, (_, d) => `SELECT ${d} AS d`).join(' UNION ALL ');
    const large = {
      sql: `SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d + f.d * 10000 AS n FROM (${digits}) a, (${digits}) b, (${digits}) c, (${digits}) e, (SELECT 0 AS d UNION ALL SELECT 1) f ORDER BY n`,
      values: [],
    };
    const seen: number[] = [];
    let longest = 0;
    let last = performance.now();
    let reading = true;
    const ticks = (async () => {
      while (reading) {
        await new Promise((resolve) => setImmediate(resolve));
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }
    })();
    await handle.withConnection(({ readEach }) =>
      readEach(large, (row) => {
        seen.push(Number(row.n));
        const until = performance.now() + 0.05;
        while (performance.now() < until);
      }),
    );
    reading = false;
    await ticks;
    expect(seen).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
    // Held at most a slice (and a row), never the whole second; generous for a loaded machine.
    expect(longest).toBeLessThan(READ_SLICE_MS + 240);
  });

  it("answers the server's error as the tenant's failure", async () => {
    await expect(
      handle.withConnection(({ readEach }) =>
        readEach({ sql: 'SELECT * FROM no_such_table_for_read_each', values: [] }, () => undefined),
      ),
    ).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: /handle-unit/ });
  });
});
