import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionDigest } from '../digest/digest';
import { LIMITS } from '../limits';
import { listPage } from '../listing/page';
import { type GroupBy, listInput, type Session } from '../sessions';
import { SessionStatistics, statisticsOf } from './statistics';

const base: Session = {
  key: 'o#0',
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
  observer: 'o',
  otherObservers: [],
  obproxy: null,
  proxySessionId: null,
  traceId: null,
  sqlId: null,
  sqlDigest: null,
  transactionState: null,
  protected: false,
  protectedReason: null,
  transactionSeconds: null,
  blockedBy: [],
  blocking: 0,
};
const running = (sql: string): Partial<Session> => ({
  status: 'ACTIVE',
  command: 'Query',
  sqlPreview: sql,
  sqlDigest: sessionDigest(sql),
});
const session = (id: string, fields: Partial<Session>): Session => ({
  ...base,
  key: `o#${id}`,
  id,
  ...fields,
});

const sessions = [
  session('1', {
    user: 'app',
    source: '10.0.0.7:4100',
    database: 'orders',
    timeSeconds: 5,
    ...running('SELECT * FROM t WHERE id = 1'),
  }),
  session('2', {
    user: 'app',
    source: '10.0.0.7:4101',
    database: 'orders',
    timeSeconds: 50,
    ...running("select * FROM t WHERE id = 'x'"),
  }),
  session('3', { user: 'app', source: '10.0.0.8:4100', database: null, timeSeconds: 900 }),
  session('4', {
    user: 'bi',
    source: '10.0.0.8:4102',
    database: 'bi',
    timeSeconds: 20,
    ...running('SELECT * FROM t WHERE id = 2'),
  }),
  session('5', {
    user: 'bi',
    source: '',
    database: 'bi',
    timeSeconds: 3000,
    status: 'KILLED',
    command: 'Killed',
  }),
  session('6', {
    user: 'ob',
    source: '10.0.0.9',
    database: 'bi',
    timeSeconds: 7,
    status: 'ACTIVE',
    sqlId: 'ABC',
    sqlPreview: 'SELECT 1',
  }),
];

describe('statisticsOf', () => {
  it('counts all and active sessions, the longest over ACTIVE ones only', () => {
    const stats = statisticsOf(sessions, { activeOnly: false });
    expect(stats.counts).toEqual({ all: 6, active: 4 });
    expect(stats.longestActiveSeconds).toBe(50);
    expect(
      statisticsOf([sessions[2] as Session, sessions[4] as Session], { activeOnly: false })
        .longestActiveSeconds,
    ).toBeNull();
    expect(statisticsOf([], { activeOnly: false })).toEqual({
      counts: { all: 0, active: 0 },
      longestActiveSeconds: null,
      waiting: 0,
      topBlockers: [],
      byUser: [],
      bySource: [],
      byDatabase: [],
      bySql: [],
    });
  });

  it('groups by user, by client host without its port, by database (none its own row), by statement', () => {
    const stats = statisticsOf(sessions, { activeOnly: false });
    expect(stats.byUser).toEqual([
      { value: 'app', total: 3, active: 2, maxActiveSeconds: 50 },
      { value: 'bi', total: 2, active: 1, maxActiveSeconds: 20 },
      { value: 'ob', total: 1, active: 1, maxActiveSeconds: 7 },
    ]);
    expect(stats.bySource).toEqual([
      { value: '10.0.0.7', total: 2, active: 2, maxActiveSeconds: 50 },
      { value: '10.0.0.8', total: 2, active: 1, maxActiveSeconds: 20 },
      { value: '10.0.0.9', total: 1, active: 1, maxActiveSeconds: 7 },
      { value: null, total: 1, active: 0, maxActiveSeconds: null },
    ]);
    expect(stats.byDatabase.map((g) => [g.value, g.total, g.active])).toEqual([
      ['bi', 3, 2],
      ['orders', 2, 2],
      [null, 1, 0],
    ]);
  });

  it('groups by SQL ID where the server has one, else by digest: other literals, one row', () => {
    const { bySql } = statisticsOf(sessions, { activeOnly: false });
    expect(bySql).toEqual([
      {
        value: sessionDigest('SELECT * FROM t WHERE id = 1'),
        total: 2,
        active: 2,
        maxActiveSeconds: 20,
        sample: 'SELECT * FROM t WHERE id = ?',
      },
      {
        value: sessionDigest("select * FROM t WHERE id = 'x'"),
        total: 1,
        active: 1,
        maxActiveSeconds: 50,
        sample: 'select * FROM t WHERE id = ?',
      },
      { value: 'ABC', total: 1, active: 1, maxActiveSeconds: 7, sample: 'SELECT ?' },
      { value: null, total: 2, active: 0, maxActiveSeconds: null, sample: null },
    ]);
  });

  it('counts ACTIVE sessions only with activeOnly, counts before it', () => {
    const stats = statisticsOf(sessions, { activeOnly: true });
    expect(stats.counts).toEqual({ all: 6, active: 4 });
    expect(stats.byUser.map((g) => [g.value, g.total])).toEqual([
      ['app', 2],
      ['bi', 1],
      ['ob', 1],
    ]);
    expect(stats.bySql.some((g) => g.value === null)).toBe(false);
  });

  it('sorts rows by active, then total, then value', () => {
    const rows = statisticsOf(
      [
        session('1', { user: 'b' }),
        session('2', { user: 'a' }),
        session('3', { user: 'c', ...running('SELECT 1') }),
        session('4', { user: 'd' }),
        session('5', { user: 'd' }),
      ],
      { activeOnly: false },
    ).byUser;
    expect(rows.map((g) => g.value)).toEqual(['c', 'd', 'a', 'b']);
  });
});

const KINDS: GroupBy[] = ['user', 'source', 'database', 'sql'];
const ROWS = { user: 'byUser', source: 'bySource', database: 'byDatabase', sql: 'bySql' } as const;

/** Sessions drawn from small pools, so that groups have several members and odd values show up. */
const arbitrarySession = fc
  .record({
    id: fc.bigInt({ min: 0n, max: 18446744073709551615n }).map(String),
    user: fc.constantFrom('app', 'App', 'ΟΔΟΣ', 'ΟΔΟς', 'report%', ''),
    host: fc.constantFrom('10.0.0.1', '10.0.0.10', '[::1]', 'fe80::1', 'localhost', ''),
    port: fc.option(fc.integer({ min: 1, max: 65535 })),
    database: fc.option(fc.constantFrom('orders', 'Orders', 'bi_2024')),
    status: fc.constantFrom('ACTIVE', 'SLEEP', 'KILLED'),
    timeSeconds: fc.integer({ min: 0, max: 100_000 }).map((t) => t / 10),
    sqlId: fc.option(fc.constantFrom('ABC', 'abc', 'F00D')),
    sql: fc.option(
      fc.tuple(
        fc.constantFrom('SELECT * FROM t WHERE a = ', 'UPDATE t SET b = ', 'select 1 -- '),
        fc.integer(),
      ),
    ),
  })
  .map(({ id, host, port, sql, sqlId, ...rest }) => {
    const text = sql ? `${sql[0]}${sql[1]}` : null;
    const source = port === null || host === '' || host === 'fe80::1' ? host : `${host}:${port}`;
    return session(id, {
      ...rest,
      source,
      sqlId,
      sqlPreview: text,
      sqlDigest: sqlId ? null : sessionDigest(text),
    });
  });

describe('a statistics row and the group filter agree', () => {
  it('for every kind, a row drills down to exactly the sessions it counted', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitrarySession, { selector: (s) => s.id, maxLength: 60 }),
        fc.boolean(),
        (all, activeOnly) => {
          const stats = statisticsOf(all, { activeOnly });
          for (const by of KINDS) {
            const rows = stats[ROWS[by]];
            let counted = 0;
            for (const row of rows) {
              const page = listPage(
                all,
                listInput.parse({
                  clusterId: 'c',
                  tenantId: 't',
                  activeOnly,
                  group: { by, value: row.value },
                  pageSize: 1000,
                }),
              );
              expect(page.total).toBe(row.total);
              expect(page.rows.filter((s) => s.status === 'ACTIVE')).toHaveLength(row.active);
              const active = page.rows.filter((s) => s.status === 'ACTIVE').map((s) => s.timeSeconds);
              expect(row.maxActiveSeconds).toBe(active.length ? Math.max(...active) : null);
              counted += row.total;
            }
            expect(new Set(rows.map((r) => r.value)).size).toBe(rows.length);
            expect(counted).toBe(activeOnly ? all.filter((s) => s.status === 'ACTIVE').length : all.length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a sessions.stats answer (SessionStatistics)', () => {
  /** `count` sessions, each its own user and client host, a few of them active. */
  const many = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      session(String(i), {
        user: `user_${i % 250}`,
        source: `10.1.${i >> 8}.${i & 255}:4000`,
        ...(i % 7 === 0
          ? { ...running(`SELECT c${i % 130} FROM t WHERE id = ${i}`), timeSeconds: i % 60 }
          : {}),
      }),
    );

  it('carries the top rows of each grouping, in the full order, and how many each has', () => {
    const sessions = many(1200);
    const whole = statisticsOf(sessions, { activeOnly: false });
    const answer = new SessionStatistics(sessions, { activeOnly: false }).answer();
    expect(answer.counts).toEqual(whole.counts);
    expect(answer.longestActiveSeconds).toBe(whole.longestActiveSeconds);
    for (const field of ['byUser', 'bySource', 'byDatabase', 'bySql'] as const) {
      expect(answer[field]).toEqual(whole[field].slice(0, LIMITS.statsTopRows));
      expect(answer.groupTotals[field]).toBe(whole[field].length);
    }
    expect(answer.bySource).toHaveLength(LIMITS.statsTopRows);
    expect(answer.groupTotals.bySource).toBe(1200);
  });

  it('picks the same first rows as the full sort, ties and all', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitrarySession, { selector: (s) => s.id, minLength: 20, maxLength: 120 }),
        fc.integer({ min: 1, max: 4 }),
        (all, n) => {
          const statistics = new SessionStatistics(all, { activeOnly: false });
          for (const by of KINDS) expect(statistics.top(by, n).rows).toEqual(statistics.all(by).slice(0, n));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('searches every row of a grouping, not only the top ones: by value, By SQL by sample too', () => {
    const sessions = many(1200);
    const statistics = new SessionStatistics(sessions, { activeOnly: false });
    const last = statistics.all('source').at(-1);
    const found = statistics.answer({ source: ` ${last?.value?.toUpperCase()} ` });
    expect(found.bySource).toEqual([last]);
    expect(found.groupTotals.bySource).toBe(1);
    // The other groupings are answered whole, unsearched.
    expect(found.byUser).toEqual(statistics.answer().byUser);
    const bySample = statistics.answer({ sql: 'select C129 ' });
    expect(bySample.bySql.map((g) => g.sample)).toEqual(['SELECT c129 FROM t WHERE id = ?']);
    expect(statistics.answer({ sql: bySample.bySql[0]?.value ?? '' }).bySql).toEqual(bySample.bySql);
    expect(statistics.answer({ user: 'nobody' })).toMatchObject({ byUser: [], groupTotals: { byUser: 0 } });
  });

  it('answers the same object again for the same snapshot without a search', () => {
    const statistics = new SessionStatistics(many(50), { activeOnly: true });
    expect(statistics.answer()).toBe(statistics.answer({ user: '  ' }));
  });
});

describe('lock waits in the statistics', () => {
  /**
   * A sleeping holder 1 that two wait on (2, 3), 3 waited on by 4 (so 1 blocks 3 down the chain),
   * a sleeping holder 5 with one waiter 6, and 7 unrelated.
   */
  const chain = [
    session('1', { transactionSeconds: 600.4, blocking: 3 }),
    session('2', { ...running('UPDATE t SET a = 1'), blockedBy: ['o#1'], transactionSeconds: 40 }),
    session('3', {
      ...running('UPDATE t SET a = 2'),
      blockedBy: ['o#1'],
      blocking: 1,
      transactionSeconds: 30,
    }),
    session('4', { ...running('UPDATE t SET a = 3'), blockedBy: ['o#3', 'o#1'], transactionSeconds: 10 }),
    session('5', { user: 'etl', source: '10.0.0.2:6000', transactionSeconds: null, blocking: 1 }),
    session('6', { ...running('DELETE FROM u'), blockedBy: ['o#5'] }),
    session('7', {}),
  ];
  const blocker = (s: Session) => ({
    key: s.key,
    id: s.id,
    user: s.user,
    source: s.source,
    blocking: s.blocking,
    transactionSeconds: s.transactionSeconds,
  });
  const [one, , three, , five] = chain as [Session, Session, Session, Session, Session];

  it('counts the waiting sessions and names the blockers, most blocking first', () => {
    const answer = new SessionStatistics(chain, { activeOnly: false }).answer();
    expect(answer.waiting).toBe(4);
    // 3 and 5 block one each: the one with a transaction first, none last.
    expect(answer.topBlockers).toEqual([blocker(one), blocker(three), blocker(five)]);
    expect(statisticsOf(chain, { activeOnly: false })).toMatchObject({
      waiting: 4,
      topBlockers: answer.topBlockers,
    });
  });

  it('counts lock waits over every session with activeOnly too: the sleeping holders stay', () => {
    const all = new SessionStatistics(chain, { activeOnly: false });
    const active = new SessionStatistics(chain, { activeOnly: true });
    expect(active.answer().counts).toEqual({ all: 7, active: 4 });
    expect(active.answer().byUser.reduce((n, g) => n + g.total, 0)).toBe(4);
    expect(active.waiting).toBe(all.waiting);
    expect(active.answer().topBlockers).toEqual(all.answer().topBlockers);
    // A search of a grouping leaves the lock waits as they are.
    expect(all.answer({ user: 'etl' })).toMatchObject({ waiting: 4, topBlockers: all.topBlockers });
  });

  it('answers no waits and no blockers without any (or without a lock reading, where all are 0 / [])', () => {
    const answer = new SessionStatistics(sessions, { activeOnly: false }).answer();
    expect(answer.waiting).toBe(0);
    expect(answer.topBlockers).toEqual([]);
  });

  it('names at most LIMITS.statsTopBlockers, the same as the full sort would', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            blocking: fc.integer({ min: 0, max: 5 }),
            transactionSeconds: fc.option(fc.integer({ min: 0, max: 50 })),
            waiting: fc.boolean(),
          }),
          { maxLength: 120 },
        ),
        (drawn) => {
          const all = drawn.map((d, i) =>
            session(String(i), {
              blocking: d.blocking,
              transactionSeconds: d.transactionSeconds,
              blockedBy: d.waiting ? ['o#x'] : [],
            }),
          );
          const { waiting, topBlockers } = new SessionStatistics(all, { activeOnly: false });
          expect(waiting).toBe(drawn.filter((d) => d.waiting).length);
          const sorted = all
            .filter((s) => s.blocking > 0)
            .sort(
              (a, b) =>
                b.blocking - a.blocking ||
                (b.transactionSeconds ?? -1) - (a.transactionSeconds ?? -1) ||
                (a.key < b.key ? -1 : 1),
            )
            .slice(0, LIMITS.statsTopBlockers)
            .map(blocker);
          expect(topBlockers).toEqual(sorted);
        },
      ),
      { numRuns: 200 },
    );
  });
});
