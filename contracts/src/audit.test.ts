import { describe, expect, it } from 'vitest';
import { AUDIT_LIMITS, auditListInput, auditRecord } from './audit';

const tenant = { clusterId: 'prod-1', tenantId: 'trade' };

describe('auditListInput', () => {
  it('fills paging defaults and keeps the filters', () => {
    expect(auditListInput.parse(tenant)).toEqual({ ...tenant, pageIndex: 0, pageSize: 20 });
    expect(auditListInput.parse({ ...tenant, operator: "' OR 1=1 -- ", outcome: 'denied' })).toMatchObject({
      operator: "' OR 1=1 -- ",
      outcome: 'denied',
    });
  });

  it.each([
    [{ clusterId: 'prod-1' }, 'tenantId'],
    [{ ...tenant, pageSize: 0 }, 'pageSize'],
    [{ ...tenant, pageSize: AUDIT_LIMITS.maxPageSize + 1 }, 'pageSize'],
    [{ ...tenant, pageIndex: -1 }, 'pageIndex'],
    [{ ...tenant, pageIndex: 0.5 }, 'pageIndex'],
    [{ ...tenant, outcome: 'exploded' }, 'outcome'],
    [{ ...tenant, operator: '' }, 'operator'],
    [{ ...tenant, operator: 'x'.repeat(257) }, 'operator'],
    [{ ...tenant, extra: 1 }, ''],
  ])('refuses %j, naming %s', (input, field) => {
    const result = auditListInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).join(',')).toContain(field);
  });
});

describe('auditRecord', () => {
  it('takes a record with nulls where the session was not found', () => {
    const record = {
      id: '1',
      time: '2026-11-24T03:00:00.000Z',
      operator: 'alice',
      ...tenant,
      sessionKey: 'h:1#7',
      sessionId: '7',
      user: null,
      source: null,
      database: null,
      sql: null,
      sqlTruncated: false,
      kind: 'query',
      outcome: 'not_found',
      message: 'gone',
    };
    expect(auditRecord.parse(record)).toEqual(record);
    expect(auditRecord.safeParse({ ...record, kind: 'table' }).success).toBe(false);
  });
});
