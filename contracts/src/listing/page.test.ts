import { describe, expect, it } from 'vitest';
import { listInput, type Session } from '../sessions';
import { listPage } from './page';

const base: Session = {
  key: 'db:3306#0',
  id: '0',
  user: 'app',
  source: '10.0.0.1:5000',
  database: null,
  command: 'Sleep',
  timeSeconds: 0,
  status: 'SLEEP',
  state: null,
  sqlPreview: null,
  sqlTruncated: false,
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
};
const session = (id: string, fields: Partial<Session>): Session => ({
  ...base,
  key: `db:3306#${id}`,
  id,
  ...fields,
});

const snapshot = {
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
  listPage(snapshot.sessions, listInput.parse({ clusterId: 'c', tenantId: 't', ...input }));
const ids = (input: Record<string, unknown>) => page(input).rows.map((r) => r.id);

describe("listPage: filters, sort and paging on a tenant's sessions", () => {
  it('sorts by time, longest first, by default', () => {
    expect(ids({})).toEqual(['18446744073709551615', '5', '9007199254740992', '9007199254740993', '40']);
  });

  it('filters case-insensitively by substring', () => {
    expect(ids({ user: 'app_w' })).toEqual(['5']);
    expect(ids({ database: 'orders' })).toEqual(['5', '9007199254740992']);
    expect(ids({ source: '10.0.0.8' })).toEqual(['9007199254740993']);
  });

  it('folds the Greek final sigma: a word-final Σ in the search or the value still matches σ', () => {
    const greek = {
      sessions: [
        session('1', { user: 'ΟΔΟΣΑ' }),
        session('2', { user: 'ΤΑΣ' }),
        session('3', { user: 'app' }),
      ],
    };
    const users = (user: string) =>
      listPage(greek.sessions, listInput.parse({ clusterId: 'c', tenantId: 't', user })).rows.map(
        (r) => r.id,
      );
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

describe('listPage: tie-break and the filters of docs/api.md "List filters"', () => {
  const statements = {
    sessions: [
      session('31', {
        user: 'app',
        source: '10.0.0.7:4100',
        status: 'ACTIVE',
        timeSeconds: 2,
        sqlPreview: 'SELECT * FROM ΟΔΟΣ WHERE id = 1',
        sqlDigest: 'aa00',
      }),
      session('131', {
        user: 'app',
        source: '10.0.0.7:4200',
        status: 'ACTIVE',
        timeSeconds: 2,
        sqlPreview: 'select * from orders',
        sqlId: 'F3A5B1C2D3E4F5A6B7C8D9E0F1A2B3C4',
      }),
      session('7', { user: 'App', source: '10.0.0.70:1', timeSeconds: 2, database: 'x' }),
      session('310', {
        user: 'bob',
        source: '',
        timeSeconds: 9,
        sqlPreview: 'UPDATE t SET a = 1',
        sqlDigest: 'AA00',
      }),
    ],
  };
  const ids = (input: Record<string, unknown>) =>
    listPage(statements.sessions, listInput.parse({ clusterId: 'c', tenantId: 't', ...input })).rows.map(
      (r) => r.id,
    );

  it('orders equal values by id, as integers, whichever the direction', () => {
    expect(ids({ sort: { column: 'timeSeconds', direction: 'desc' } })).toEqual(['310', '7', '31', '131']);
    expect(ids({ sort: { column: 'timeSeconds', direction: 'asc' } })).toEqual(['7', '31', '131', '310']);
    expect(ids({ sort: { column: 'user', direction: 'asc' } })).toEqual(['7', '31', '131', '310']);
  });

  it('finds the sessions whose id contains the digits', () => {
    expect(ids({ sessionId: '31' })).toEqual(['310', '31', '131']);
    expect(ids({ sessionId: '7' })).toEqual(['7']);
    expect(ids({ sessionId: '0310' })).toEqual([]);
  });

  it('finds a substring of the statement, case-insensitively, the Greek final sigma folded', () => {
    expect(ids({ sql: 'FROM ORDERS' })).toEqual(['131']);
    expect(ids({ sql: 'οδοσ' })).toEqual(['31']);
    expect(ids({ sql: 'ΟΔΟΣ W' })).toEqual(['31']);
    expect(ids({ sql: 'a = 1' })).toEqual(['310']);
  });

  it('matches the SQL ID, else the digest, exactly but case-insensitively', () => {
    expect(ids({ sqlId: 'f3a5b1c2d3e4f5a6b7c8d9e0f1a2b3c4' })).toEqual(['131']);
    expect(ids({ sqlId: 'F3A5B1C2D3E4F5A6B7C8D9E0F1A2B3C' })).toEqual([]);
    expect(ids({ sqlId: 'aa00' })).toEqual(['310', '31']);
  });

  it('keeps exactly the sessions of one statistics row with group', () => {
    expect(ids({ group: { by: 'user', value: 'app' } })).toEqual(['31', '131']);
    expect(ids({ group: { by: 'source', value: '10.0.0.7' } })).toEqual(['31', '131']);
    expect(ids({ group: { by: 'source', value: null } })).toEqual(['310']);
    expect(ids({ group: { by: 'database', value: null } })).toEqual(['310', '31', '131']);
    expect(ids({ group: { by: 'sql', value: 'aa00' } })).toEqual(['31']);
    expect(ids({ group: { by: 'sql', value: null } })).toEqual(['7']);
  });

  it('applies every filter together, counting before them', () => {
    const page = listPage(
      statements.sessions,
      listInput.parse({
        clusterId: 'c',
        tenantId: 't',
        activeOnly: true,
        user: 'APP',
        sessionId: '1',
        sql: 'select',
      }),
    );
    expect(page.rows.map((r) => r.id)).toEqual(['31', '131']);
    expect(page.counts).toEqual({ all: 4, active: 2 });
  });
});
