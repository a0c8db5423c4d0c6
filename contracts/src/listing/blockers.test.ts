import { describe, expect, it } from 'vitest';
import { listInput, type Session } from '../sessions';
import { listPage } from './page';

// The list's `blockers` and its lock columns, on sessions as the sidecar sends them.
const session = (id: string, fields: Partial<Session> = {}): Session => ({
  key: `db:3306#${id}`,
  id,
  user: 'app',
  source: '10.0.0.7:4100',
  database: null,
  command: 'Sleep',
  timeSeconds: 0,
  status: 'SLEEP',
  state: null,
  sqlPreview: null,
  sqlTruncated: false,
  sqlDigest: null,
  observer: 'db:3306',
  otherObservers: [],
  obproxy: null,
  proxySessionId: null,
  traceId: null,
  sqlId: null,
  transactionState: null,
  protected: false,
  protectedReason: null,
  transactionSeconds: null,
  blockedBy: [],
  blocking: 0,
  ...fields,
});
const sessions = [
  session('1', { blocking: 1, transactionSeconds: 40 }),
  session('2', { blockedBy: ['db:3306#1'], transactionSeconds: 3 }),
  session('3', { blocking: 3, transactionSeconds: 600 }),
  session('4', { blockedBy: ['db:3306#3'], blocking: 2, transactionSeconds: 9 }),
  session('5'),
  session('6', { blocking: 1, transactionSeconds: 41 }),
];
const page = (input: Record<string, unknown>) =>
  listPage(sessions, listInput.parse({ clusterId: 'c', tenantId: 't', ...input }));
const ids = (input: Record<string, unknown>) => page(input).rows.map((s) => s.id);

describe('blockers and the lock columns', () => {
  it('blockers: only sessions others wait on, most blocking first, then the sort asked for', () => {
    // 1 and 6 both block one: the default sort (time, then id) puts 1 first, transaction age 6.
    expect(ids({ blockers: true })).toEqual(['3', '4', '1', '6']);
    expect(ids({ blockers: true, sort: { column: 'transactionSeconds', direction: 'desc' } })).toEqual([
      '3',
      '4',
      '6',
      '1',
    ]);
    expect(page({ blockers: true })).toMatchObject({ total: 4, counts: { all: 6 } });
    expect(ids({ blockers: false, sort: { column: 'id', direction: 'asc' } })).toHaveLength(6);
  });

  it('sorts by transaction age (no transaction last either way) and by blocking', () => {
    expect(ids({ sort: { column: 'transactionSeconds', direction: 'desc' } })).toEqual([
      '3',
      '6',
      '1',
      '4',
      '2',
      '5',
    ]);
    expect(ids({ sort: { column: 'transactionSeconds', direction: 'asc' } })).toEqual([
      '2',
      '4',
      '1',
      '6',
      '3',
      '5',
    ]);
    expect(ids({ sort: { column: 'blocking', direction: 'desc' } })).toEqual(['3', '4', '1', '6', '2', '5']);
  });

  it('refuses a blockers that is not a boolean', () => {
    expect(listInput.safeParse({ clusterId: 'c', tenantId: 't', blockers: 'yes' }).success).toBe(false);
  });
});
