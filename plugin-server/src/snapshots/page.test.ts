import { listInput, listPage, sortColumn } from '@tenant-sessions/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processRowToSession } from '../dialects/rows';
import { pageOf } from './page';
import type { Snapshot } from './read';

const row = (id: string, host: string, command: string, time: number) =>
  processRowToSession(
    { id, user: 'app', host, db: null, command, time_seconds: time, state: null, info_head: null },
    { address: 'db:3306' },
  );

const snapshot: Snapshot = {
  capturedAt: '2026-01-01T00:00:00.000Z',
  dialect: 'mariadb',
  visibility: 'all',
  serverVersion: '10.11',
  sessions: [
    row('5', '10.0.0.7:4100', 'Query', 3),
    row('18446744073709551615', '10.0.0.7:4200', 'Sleep', 3),
    row('40', '10.0.0.8:4100', 'Query', 30),
  ],
};

const input = (fields: Record<string, unknown> = {}) =>
  listInput.parse({ clusterId: 'c', tenantId: 't', ...fields });

describe('pageOf: one page of a snapshot', () => {
  it("carries the snapshot's own fields beside the contract's page", () => {
    expect(pageOf(snapshot, input())).toMatchObject({
      total: 3,
      counts: { all: 3, active: 2 },
      capturedAt: '2026-01-01T00:00:00.000Z',
      dialect: 'mariadb',
      visibility: 'all',
      serverVersion: '10.11',
      truncated: false,
    });
    expect(pageOf({ ...snapshot, truncated: true }, input()).truncated).toBe(true);
  });

  it('sorts, ties broken by id, and filters the mapped rows as the contract does', () => {
    expect(pageOf(snapshot, input()).rows.map((r) => r.id)).toEqual(['40', '5', '18446744073709551615']);
    const host = pageOf(snapshot, input({ group: { by: 'source', value: '10.0.0.7' } }));
    expect(host.rows.map((r) => r.id)).toEqual(['5', '18446744073709551615']);
    expect(pageOf(snapshot, input({ activeOnly: true, sessionId: '4' })).rows.map((r) => r.id)).toEqual([
      '40',
    ]);
  });
});

describe('pageOf over the order kept per snapshot', () => {
  it("answers exactly what the contract's listPage answers, for any sort, filter and page, call after call", () => {
    const many: Snapshot = {
      ...snapshot,
      sessions: Array.from({ length: 120 }, (_, i) =>
        row(
          String((i * 7919) % 1000),
          `10.0.0.${i % 5}:${4000 + i}`,
          i % 3 === 0 ? 'Sleep' : 'Query',
          i % 11,
        ),
      ),
    };
    fc.assert(
      fc.property(
        fc.record({
          column: fc.constantFrom(...sortColumn.options),
          direction: fc.constantFrom('asc', 'desc'),
          activeOnly: fc.boolean(),
          source: fc.constantFrom(undefined, '10.0.0.1', '10.0.0.3:40'),
          pageIndex: fc.integer({ min: 0, max: 4 }),
          pageSize: fc.integer({ min: 1, max: 50 }),
        }),
        ({ column, direction, activeOnly, source, pageIndex, pageSize }) => {
          const query = input({ sort: { column, direction }, activeOnly, source, pageIndex, pageSize });
          const expected = listPage(many.sessions, query);
          for (let twice = 0; twice < 2; twice++) {
            const page = pageOf(many, query);
            expect(page.rows.map((r) => r.key)).toEqual(expected.rows.map((r) => r.key));
            expect(page.total).toBe(expected.total);
            expect(page.counts).toEqual(expected.counts);
          }
        },
      ),
      { seed: 20261201, numRuns: 200 },
    );
  });
});
