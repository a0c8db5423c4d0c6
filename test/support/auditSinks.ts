// Shared by the sinks' tests (audit-file.test.ts, audit-mysql.test.ts).
import type { KillOutcome } from '@tenant-sessions/contracts';
import type { AuditSink, NewAuditRecord } from '@tenant-sessions/plugin-server';
import { expect } from 'vitest';

/** A record for the sinks' own tests. */
export const sampleRecord = (overrides: Partial<NewAuditRecord> = {}): NewAuditRecord => ({
  time: '2026-11-24T03:00:00.000Z',
  operator: 'alice',
  clusterId: 'prod-1',
  tenantId: 'trade',
  sessionKey: '10.0.0.5:2882#3221487617',
  sessionId: '3221487617',
  user: 'app_rw',
  source: '10.1.2.3:51234',
  database: 'trade',
  sql: 'SELECT 1 FROM DUAL WHERE SLEEP(30)',
  sqlTruncated: false,
  kind: 'session',
  outcome: 'killed' satisfies KillOutcome,
  message: null,
  ...overrides,
});

/**
 * What every sink must do, run by each sink's test against a fresh (empty) sink: records come
 * back whole, newest first, paged, filtered by tenant, operator and outcome.
 */
export const checkSinkContract = async (sink: AuditSink, tenantId: string): Promise<void> => {
  await sink.ready();
  const at = (n: number) => new Date(Date.UTC(2026, 10, 24, 3, 0, n)).toISOString();
  const written = [
    sampleRecord({ tenantId, time: at(1), operator: 'alice', outcome: 'killed' }),
    sampleRecord({
      tenantId,
      time: at(2),
      operator: 'bob',
      outcome: 'denied',
      message: 'no CONNECTION ADMIN',
    }),
    sampleRecord({
      tenantId,
      time: at(3),
      operator: 'alice',
      outcome: 'not_found',
      user: null,
      source: null,
      database: null,
      sql: null,
    }),
    sampleRecord({ tenantId: `${tenantId}-other`, time: at(4), operator: 'alice' }),
    sampleRecord({
      tenantId,
      time: at(5),
      operator: 'Alice',
      outcome: 'killed',
      kind: 'query',
      sqlTruncated: true,
    }),
  ];
  for (const record of written) await sink.write(record);
  const query = { clusterId: 'prod-1', tenantId, pageIndex: 0, pageSize: 20 };

  const all = await sink.list(query);
  expect(all.total).toBe(4);
  expect(all.rows.map((r) => r.time)).toEqual([at(5), at(3), at(2), at(1)]);
  expect(all.rows[1]).toMatchObject({ ...written[2], id: expect.any(String) });
  expect(all.rows[0]).toEqual({ ...written[4], id: expect.any(String) });
  expect(new Set(all.rows.map((r) => r.id)).size).toBe(4);

  const page = await sink.list({ ...query, pageIndex: 1, pageSize: 3 });
  expect(page).toMatchObject({ total: 4, rows: [{ time: at(1) }] });
  expect((await sink.list({ ...query, pageIndex: 5, pageSize: 3 })).rows).toEqual([]);

  const alice = await sink.list({ ...query, operator: 'alice' });
  expect(alice.rows.map((r) => r.time)).toEqual([at(3), at(1)]);
  const denied = await sink.list({ ...query, outcome: 'denied' });
  expect(denied.rows.map((r) => [r.operator, r.message])).toEqual([['bob', 'no CONNECTION ADMIN']]);
  expect((await sink.list({ ...query, tenantId: 'nobody' })).total).toBe(0);
};
