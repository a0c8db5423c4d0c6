import type { ListInput, StatsInput } from '@tenant-sessions/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { aSession, statsSidecar } from '../test/statsSidecar';

/** Three users, two hosts, two databases (and none), one statement with two literals. */
const SESSIONS = [
  aSession('11', {
    user: 'app_order',
    source: '10.0.0.7:4100',
    database: 'orders',
    timeSeconds: 5,
    sql: 'SELECT * FROM t WHERE id = 1',
  }),
  aSession('12', {
    user: 'app_order',
    source: '10.0.0.7:4101',
    database: 'orders',
    timeSeconds: 50,
    sql: 'SELECT * FROM t WHERE id = 2',
  }),
  aSession('13', { user: 'app_order', source: '10.0.0.8:4100', database: null, timeSeconds: 900 }),
  aSession('21', {
    user: 'report',
    source: '10.0.0.8:4102',
    database: 'bi',
    timeSeconds: 20,
    sql: 'UPDATE s SET a = 3',
  }),
  aSession('22', { user: 'report', source: '10.0.0.8:4103', database: 'bi', timeSeconds: 3000 }),
  aSession('31', { user: 'batch', source: '10.0.0.9:4000', database: 'bi', timeSeconds: 1 }),
];

const openStats = async (user: ReturnType<typeof renderTab>['user']) => {
  await user.click(await screen.findByRole('tab', { name: say('stats.view.stats') }));
  return screen.findByRole('region', { name: say('stats.region', { tenant: 'trade' }) });
};

const tableOf = (key: 'stats.by.user' | 'stats.by.source' | 'stats.by.database' | 'stats.by.sql') =>
  screen.findByRole('table', { name: say(key) });

const bodyRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );

describe('Session Statistics', () => {
  it('shows the cards and the four tables, the top rows first', async () => {
    const sidecar = statsSidecar(SESSIONS);
    const { user } = renderTab();
    expect(await screen.findByRole('tab', { name: say('stats.view.list') })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await openStats(user);
    expect(screen.getByRole('tab', { name: say('stats.view.stats') })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const cards = screen.getByRole('list', { name: say('stats.cards') });
    expect(
      within(cards).getByRole('button', { name: say('stats.drill.all', { count: 6 }) }),
    ).toHaveTextContent('6');
    expect(
      within(cards).getByRole('button', { name: say('stats.drill.allActive', { count: 3 }) }),
    ).toHaveTextContent('3');
    // The longest ACTIVE session (50 s), not the longest sleeping one (3000 s).
    expect(screen.getByTestId('stats-longest')).toHaveTextContent('50.0');
    expect(sidecar.inputs<StatsInput>('sessions.stats').at(-1)).toEqual({
      clusterId: 'prod-1',
      tenantId: 'trade',
      activeOnly: false,
    });

    expect(bodyRows(await tableOf('stats.by.user'))).toEqual([
      ['app_order', '2', '3', '50.0'],
      ['report', '1', '2', '20.0'],
      ['batch', '0', '1', `—${say('cell.none')}`],
    ]);
    expect(bodyRows(await tableOf('stats.by.source')).map((r) => r[0])).toEqual([
      '10.0.0.7',
      '10.0.0.8',
      '10.0.0.9',
    ]);
    expect(bodyRows(await tableOf('stats.by.database')).map((r) => [r[0], r[2]])).toEqual([
      ['orders', '2'],
      ['bi', '3'],
      [`—${say('cell.none')}`, '1'],
    ]);
    const bySql = bodyRows(await tableOf('stats.by.sql'));
    expect(bySql[0]?.[0]).toMatch(/^SELECT \* FROM t WHERE id = \?/);
    expect(bySql[0]?.slice(1)).toEqual(['2', '2', '50.0']);
  });

  it('sorts by each column and searches over the value', async () => {
    statsSidecar(SESSIONS);
    const { user } = renderTab();
    await openStats(user);
    const table = await tableOf('stats.by.user');
    await user.click(within(table).getByRole('button', { name: say('stats.col.total') }));
    expect(bodyRows(table).map((r) => r[0])).toEqual(['app_order', 'report', 'batch']);
    expect(within(table).getByRole('columnheader', { name: /Total/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await user.click(within(table).getByRole('button', { name: say('stats.col.total') }));
    expect(bodyRows(table).map((r) => r[0])).toEqual(['batch', 'report', 'app_order']);
    await user.click(within(table).getByRole('button', { name: say('stats.col.user') }));
    expect(bodyRows(table).map((r) => r[0])).toEqual(['app_order', 'batch', 'report']);
    await user.click(within(table).getByRole('button', { name: say('stats.col.longest') }));
    expect(bodyRows(table).map((r) => r[0])).toEqual(['app_order', 'report', 'batch']);

    await user.type(
      screen.getByRole('searchbox', { name: say('stats.search', { column: say('stats.col.user') }) }),
      'REP',
    );
    await waitFor(() => expect(bodyRows(table).map((r) => r[0])).toEqual(['report']));
    const sql = await tableOf('stats.by.sql');
    await user.type(
      screen.getByRole('searchbox', { name: say('stats.search', { column: say('stats.col.sql') }) }),
      'update s',
    );
    await waitFor(() => expect(bodyRows(sql)).toHaveLength(1));
  });

  it('a table cut to its top rows says so, and its search asks the sidecar over every row', async () => {
    // 130 more users, one sleeping session each: the By user table has 133 rows, the answer 100.
    const crowd = Array.from({ length: 130 }, (_, i) =>
      aSession(String(1000 + i), { user: `svc_${String(i).padStart(3, '0')}`, source: '10.0.1.1:5000' }),
    );
    const sidecar = statsSidecar([...SESSIONS, ...crowd]);
    const { user } = renderTab();
    await openStats(user);
    const table = await tableOf('stats.by.user');
    expect(bodyRows(table)).toHaveLength(10);
    expect(screen.getByText(say('stats.top', { shown: 100, total: 133 }))).toBeInTheDocument();
    // svc_129 is past the top 100 (one session, none active, last by name).
    await user.type(
      screen.getByRole('searchbox', { name: say('stats.search', { column: say('stats.col.user') }) }),
      'SVC_129',
    );
    await waitFor(() => expect(bodyRows(table).map((r) => r[0])).toEqual(['svc_129']));
    expect(sidecar.inputs<StatsInput>('sessions.stats').at(-1)).toMatchObject({
      activeOnly: false,
      search: { user: 'SVC_129' },
    });
    expect(screen.queryByText(/^The top/)).toBeNull();
  });

  it('applies View Active Sessions Only to the statistics and to the list alike', async () => {
    const sidecar = statsSidecar(SESSIONS);
    const { user } = renderTab();
    await openStats(user);
    await user.click(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') }));
    await waitFor(() =>
      expect(sidecar.inputs<StatsInput>('sessions.stats').at(-1)).toMatchObject({ activeOnly: true }),
    );
    await waitFor(async () =>
      expect(bodyRows(await tableOf('stats.by.user')).map((r) => r[0])).toEqual(['app_order', 'report']),
    );
    await user.click(screen.getByRole('tab', { name: say('stats.view.list') }));
    expect(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') })).toBeChecked();
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ activeOnly: true }));
  });

  it.each([
    ['stats.by.user', 'user', 'app_order', 'User = app_order', 3],
    ['stats.by.source', 'source', '10.0.0.8', 'Source = 10.0.0.8', 3],
    ['stats.by.database', 'database', null, `Database = ${say('cell.none')}`, 1],
  ] as const)(
    'a Total count of %s opens the list on exactly its sessions, as a removable chip',
    async (key, by, value, chip, count) => {
      const sidecar = statsSidecar(SESSIONS);
      const { user } = renderTab();
      await openStats(user);
      const table = await tableOf(key);
      const shown = value ?? say('cell.none');
      await user.click(
        within(table).getByRole('button', {
          name: say('stats.drill.total', { count, by: say(`stats.col.${by}`), value: shown }),
        }),
      );
      expect(screen.getByRole('tab', { name: say('stats.view.list') })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await waitFor(() =>
        expect(sidecar.lastList()).toMatchObject({ group: { by, value }, activeOnly: false, pageIndex: 0 }),
      );
      expect(screen.getByRole('list', { name: say('search.chips') })).toHaveTextContent(chip);
      // The list's total is the count: exactly the sessions it counted.
      await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(count + 1));
      expect(screen.getByText(say('pager.range', { from: 1, to: count, total: count }))).toBeInTheDocument();

      await user.click(
        screen.getByRole('button', { name: say('stats.chipClear', { column: say(`stats.col.${by}`) }) }),
      );
      await waitFor(() => expect(sidecar.lastList()).not.toHaveProperty('group'));
      await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(SESSIONS.length + 1));
    },
  );

  it('an Active count lists the active sessions of its statement; the chip shows the normalised text', async () => {
    const sidecar = statsSidecar(SESSIONS);
    const { user } = renderTab();
    await openStats(user);
    const table = await tableOf('stats.by.sql');
    const active = within(table).getAllByRole('button', {
      name: /^List the 2 active sessions of SQL SELECT/,
    })[0];
    await user.click(active as HTMLElement);
    await waitFor(() => expect(sidecar.lastList()?.group?.by).toBe('sql'));
    const input = sidecar.lastList() as ListInput;
    expect(input.activeOnly).toBe(true);
    expect(input.group?.value).toBe(SESSIONS[0]?.sqlDigest);
    expect(screen.getByRole('list', { name: say('search.chips') })).toHaveTextContent(
      /^SQL = SELECT \* FROM t WHERE id = \?/,
    );
    expect(await screen.findByRole('cell', { name: '11' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '12' })).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });

  it('a drill-down lists with the same actions, and a close shows in the statistics', async () => {
    statsSidecar(SESSIONS);
    const { user } = renderTab();
    await openStats(user);
    await user.click(
      within(await tableOf('stats.by.user')).getByRole('button', {
        name: say('stats.drill.total', { count: 2, by: say('stats.col.user'), value: 'report' }),
      }),
    );
    const row = await rowOf('22');
    await user.click(within(row).getByRole('button', { name: say('actions.closeSession') }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: say('confirm.session.confirm') }),
    );
    await waitFor(() => expect(screen.queryByRole('cell', { name: /^22/ })).toBeNull());
    await openStats(user);
    await waitFor(async () =>
      expect(bodyRows(await tableOf('stats.by.user')).find((r) => r[0] === 'report')).toEqual([
        'report',
        '1',
        '1',
        '20.0',
      ]),
    );
  });

  it('moves between the two views with the arrow keys, as tabs do', async () => {
    statsSidecar(SESSIONS);
    const { user } = renderTab();
    const list = await screen.findByRole('tab', { name: say('stats.view.list') });
    expect(screen.getByRole('tablist', { name: say('stats.views') })).toBeInTheDocument();
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName(say('stats.view.list'));
    list.focus();
    await user.keyboard('{ArrowRight}');
    const stats = screen.getByRole('tab', { name: say('stats.view.stats') });
    expect(stats).toHaveFocus();
    expect(stats).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('region', { name: say('stats.region', { tenant: 'trade' }) }),
    ).toBeInTheDocument();
    await user.keyboard('{ArrowLeft}');
    expect(list).toHaveFocus();
    expect(
      await screen.findByRole('region', { name: say('tenant.region', { tenant: 'trade' }) }),
    ).toBeInTheDocument();
  });

  it('keeps the view when another tenant is picked (entry 2)', async () => {
    const sidecar = statsSidecar(SESSIONS);
    const { user } = renderTab({ tenantId: undefined });
    await user.click(await screen.findByRole('tab', { name: say('stats.view.stats') }));
    await screen.findByRole('region', { name: say('stats.region', { tenant: 'trade' }) });
    await user.selectOptions(screen.getByRole('combobox', { name: say('picker.tenant') }), 'pay');
    expect(
      await screen.findByRole('region', { name: say('stats.region', { tenant: 'pay' }) }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: say('stats.view.stats') })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await waitFor(() =>
      expect(sidecar.inputs<StatsInput>('sessions.stats').at(-1)).toMatchObject({ tenantId: 'pay' }),
    );
  });

  describe('lock waits', () => {
    /** A sleeping holder 41 two wait on (42, and 43 behind 42), a holder 51 one waits on (52). */
    const LOCKED = [
      ...SESSIONS,
      aSession('41', { user: 'app_order', source: '10.0.0.7:4200', transactionSeconds: 612.4, blocking: 2 }),
      aSession('42', {
        user: 'app_trade',
        source: '10.0.0.8:4201',
        sql: 'UPDATE orders SET s = 1 WHERE id = 7',
        blockedBy: ['127.0.0.1:3306#41'],
        transactionSeconds: 41.6,
        blocking: 1,
      }),
      aSession('43', {
        user: 'app_trade',
        source: '10.0.0.8:4202',
        sql: 'UPDATE orders SET s = 2 WHERE id = 7',
        blockedBy: ['127.0.0.1:3306#42'],
        transactionSeconds: 12.5,
      }),
      aSession('51', { user: 'batch', source: '10.0.0.9:4300', blocking: 1 }),
      aSession('52', {
        user: 'batch',
        source: '10.0.0.9:4301',
        sql: 'DELETE FROM q',
        blockedBy: ['127.0.0.1:3306#51'],
      }),
    ];
    const blockersTable = () => screen.findByRole('table', { name: say('stats.blockers') });
    const READ = { available: true, reason: null };

    it('shows the sessions waiting on locks and the top blockers, most blocking first', async () => {
      statsSidecar(LOCKED, 'mariadb', { locks: READ });
      const { user } = renderTab();
      await openStats(user);
      const cards = screen.getByRole('list', { name: say('stats.cards') });
      expect(within(cards).getByText(say('stats.waiting'))).toBeInTheDocument();
      expect(screen.getByTestId('stats-waiting')).toHaveTextContent(/^3$/);
      const table = await blockersTable();
      expect(screen.getByRole('heading', { name: say('stats.blockers') })).toBeInTheDocument();
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual([
        say('column.id'),
        say('column.user'),
        say('column.source'),
        say('stats.col.blocking'),
        say('stats.col.transaction'),
      ]);
      expect(bodyRows(table)).toEqual([
        ['41', 'app_order', '10.0.0.7:4200', '2', '612.4'],
        ['42', 'app_trade', '10.0.0.8:4201', '1', '41.6'],
        ['51', 'batch', '10.0.0.9:4300', '1', `—${say('cell.none')}`],
      ]);
      expect(screen.queryByText(say('stats.blockersAll'))).toBeNull();
    });

    it('keeps the sleeping blockers with View Active Sessions Only, and says why', async () => {
      statsSidecar(LOCKED, 'mariadb', { locks: READ });
      const { user } = renderTab();
      await openStats(user);
      await user.click(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') }));
      expect(await screen.findByText(say('stats.blockersAll'))).toBeInTheDocument();
      // The groupings count the active ones only (app_order: 11 and 12, not the sleeping 13 and 41).
      await waitFor(async () =>
        expect(bodyRows(await tableOf('stats.by.user')).find((r) => r[0] === 'app_order')).toEqual([
          'app_order',
          '2',
          '2',
          '50.0',
        ]),
      );
      expect(bodyRows(await blockersTable()).map((r) => r[0])).toEqual(['41', '42', '51']);
      expect(screen.getByTestId('stats-waiting')).toHaveTextContent(/^3$/);
    });

    it('says there is no blocker when none blocks', async () => {
      statsSidecar(SESSIONS, 'mariadb', { locks: READ });
      const { user } = renderTab();
      await openStats(user);
      expect(screen.getByTestId('stats-waiting')).toHaveTextContent(/^0$/);
      expect(within(await blockersTable()).getByRole('status')).toHaveTextContent(say('stats.noBlockers'));
    });

    it('says "not available" and why when the locks could not be read, never 0', async () => {
      const reason = 'the account may not read the lock tables';
      statsSidecar(LOCKED, 'mariadb', { locks: { available: false, reason } });
      const { user } = renderTab();
      await openStats(user);
      const waiting = screen.getByTestId('stats-waiting');
      expect(waiting).toHaveTextContent(say('stats.locksOff'));
      expect(waiting).not.toHaveTextContent(/\d/);
      const why = say('stats.locksOffWhy', { reason });
      const cards = screen.getByRole('list', { name: say('stats.cards') });
      expect(within(cards).getByText(why)).toBeInTheDocument();
      // No rows from a lock reading there is none of: the reason instead.
      const table = await blockersTable();
      expect(within(table).getByRole('status')).toHaveTextContent(why);
      expect(within(table).getAllByRole('row')).toHaveLength(2);
    });

    it('gives a default reason when the sidecar names none', async () => {
      statsSidecar(LOCKED, 'mariadb', { locks: { available: false, reason: null } });
      const { user } = renderTab();
      await openStats(user);
      const why = say('stats.locksOffWhy', { reason: say('stats.locksOffDefault') });
      expect(
        within(screen.getByRole('list', { name: say('stats.cards') })).getByText(why),
      ).toBeInTheDocument();
    });
  });
});
