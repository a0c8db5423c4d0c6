import { listInput, type Session } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { processRowToSession } from '../dialects/rows';
import type { Snapshot } from '../snapshots/read';
import { pageOf } from './list';

const base = processRowToSession(
  {
    id: '0',
    user: 'app',
    host: '10.0.0.1:5000',
    db: null,
    command: 'Sleep',
    time_seconds: 0,
    state: null,
    info_head: null,
  },
  { address: 'db:3306' },
);
const session = (id: string, fields: Partial<Session>): Session => ({
  ...base,
  key: `db:3306#${id}`,
  id,
  ...fields,
});

const snapshot: Snapshot = {
  capturedAt: '2026-01-01T00:00:00.000Z',
  dialect: 'mariadb',
  visibility: 'all',
  serverVersion: '10.11',
  sessions: [
    session('5', {
      user: 'App_Writer',
      source: '10.0.0.7:4100',
      database: 'orders',
      command: 'Query',
      status: 'ACTIVE',
      timeSeconds: 12.5,
    }),
    session('18446744073709551615', { user: 'report%', database: 'bi_2024', timeSeconds: 300 }),
    session('9007199254740993', {
      user: 'a_b',
      source: '10.0.0.8:4200',
      database: 'x\\y',
      command: 'Query',
      status: 'ACTIVE',
      timeSeconds: 1,
    }),
    session('9007199254740992', {
      user: 'aXb',
      database: 'ORDERS_archive',
      command: 'Killed',
      status: 'KILLED',
      timeSeconds: 3,
    }),
    session('40', { user: 'system user', command: 'Daemon', status: 'ACTIVE' }),
  ],
};

const page = (input: Record<string, unknown>) =>
  pageOf(snapshot, listInput.parse({ clusterId: 'c', tenantId: 't', ...input }));
const ids = (input: Record<string, unknown>) => page(input).rows.map((r) => r.id);

describe('pageOf: filters, sort and paging on a snapshot', () => {
  it('sorts by time, longest first, by default', () => {
    expect(ids({})).toEqual(['18446744073709551615', '5', '9007199254740992', '9007199254740993', '40']);
  });

  it('filters case-insensitively by substring', () => {
    expect(ids({ user: 'app_w' })).toEqual(['5']);
    expect(ids({ database: 'orders' })).toEqual(['5', '9007199254740992']);
    expect(ids({ source: '10.0.0.8' })).toEqual(['9007199254740993']);
  });

  it('folds the Greek final sigma: a word-final Σ in the search or the value still matches σ', () => {
    const greek: Snapshot = {
      ...snapshot,
      sessions: [
        session('1', { user: 'ΟΔΟΣΑ' }),
        session('2', { user: 'ΤΑΣ' }),
        session('3', { user: 'app' }),
      ],
    };
    const users = (user: string) =>
      pageOf(greek, listInput.parse({ clusterId: 'c', tenantId: 't', user })).rows.map((r) => r.id);
    expect(users('ΟΔΟΣ')).toEqual(['1']);
    expect(users('σ')).toEqual(['1', '2']);
    expect(users('ας')).toEqual(['2']);
  });

  it('takes %, _ and \\ literally', () => {
    expect(ids({ user: '%' })).toEqual(['18446744073709551615']);
    expect(ids({ user: 'a_b' })).toEqual(['9007199254740993']);
    expect(ids({ database: '\\' })).toEqual(['9007199254740993']);
    expect(ids({ database: '_' })).toEqual(['18446744073709551615', '9007199254740992']);
  });

  it('keeps only ACTIVE sessions with activeOnly, counting before filters', () => {
    const result = page({ activeOnly: true, user: 'a' });
    expect(result.rows.map((r) => r.id)).toEqual(['5', '9007199254740993']);
    expect(result.total).toBe(2);
    expect(result.counts).toEqual({ all: 5, active: 3 });
  });

  it('sorts ids as 64-bit integers, exactly', () => {
    expect(ids({ sort: { column: 'id', direction: 'asc' } })).toEqual([
      '5',
      '40',
      '9007199254740992',
      '9007199254740993',
      '18446744073709551615',
    ]);
  });

  it('puts null databases last whichever the direction', () => {
    expect(ids({ sort: { column: 'database', direction: 'asc' } }).slice(-1)).toEqual(['40']);
    expect(ids({ sort: { column: 'database', direction: 'desc' } }).slice(-1)).toEqual(['40']);
    expect(ids({ sort: { column: 'database', direction: 'asc' } })[0]).toBe('18446744073709551615');
  });

  it('pages through the sorted rows; a page past the end is empty', () => {
    const sort = { column: 'id', direction: 'desc' };
    expect(ids({ sort, pageSize: 2, pageIndex: 0 })).toEqual(['18446744073709551615', '9007199254740993']);
    expect(ids({ sort, pageSize: 2, pageIndex: 2 })).toEqual(['5']);
    expect(page({ sort, pageSize: 2, pageIndex: 3 })).toMatchObject({ rows: [], total: 5 });
  });
});
