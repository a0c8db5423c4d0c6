import type { Connection } from 'mysql2/promise';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { en, english } from '../../plugin-ui/src/test/i18n';
import { connect } from '../support/db';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { type Browser, launchBrowser, saveFailure, type Watched, watch } from './browser';
import { counted, dataRows, rowOf, seen, shownIds } from './tab';
import { createVictims, endOf, type Victims } from './victims';

/**
 * Session Statistics in Debian's Chromium: the built demo portal served by the real sidecar,
 * counting sessions of the test MariaDB that this file opened itself; a count's drill-down lists
 * exactly those sessions, with the list's actions, and a close there is real.
 */
const url = inject('mysqlUrl');
const portalDir = inject('portalDir');
const CLUSTER = 'east-1';
const ENTRY_1 = `/clusters/${CLUSTER}/tenants/trade/sessions`;
const ENTRY_2 = `/diagnostics/${CLUSTER}/sessions`;

let admin: Connection;
let victims: Victims;
let sidecar: TestSidecar;
let browser: Browser;
let main: Watched;

const at = (path: string) => `${sidecar.url}${path}`;
const statsRegion = (page: Page, tenant: string) =>
  page.getByRole('region', { name: english('stats.region', { tenant }) });
const byUser = (page: Page) => page.getByRole('table', { name: en['stats.by.user'] });
const drillTotal = (page: Page, user: string, count: number) =>
  byUser(page).getByRole('button', {
    name: english('stats.drill.total', { count, by: en['stats.col.user'], value: user }),
    exact: true,
  });

/** Waits until the By user table counts `count` sessions of `user`, refreshing while the snapshot predates them. */
const untilCounted = async (page: Page, user: string, count: number) => {
  await expect
    .poll(
      async () => {
        if ((await drillTotal(page, user, count).count()) > 0) return true;
        await page.getByRole('button', { name: en['toolbar.refresh'] }).click();
        return false;
      },
      { timeout: 15_000, interval: 300, message: `By user never counted ${count} sessions of ${user}` },
    )
    .toBe(true);
};

beforeAll(async () => {
  admin = await connect(url);
  victims = await createVictims(url, admin);
  const billingAccount = await victims.account('billing', []);
  const cluster = { clusterId: CLUSTER, clusterName: 'East 1 (local MariaDB)' };
  sidecar = await startSidecar(
    [
      { ...tenantOn(url, 'billing', { account: billingAccount }), ...cluster },
      { ...tenantOn(url, 'trade'), ...cluster },
    ],
    { staticDir: portalDir, portalSecret: TEST_SECRET },
  );
  browser = await launchBrowser();
  main = watch(browser.context.pages()[0] ?? (await browser.context.newPage()));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await saveFailure(main, context.task.name);
  await victims?.closeAll();
});

afterAll(async () => {
  await browser?.close();
  await sidecar?.stop();
  await victims?.drop();
  await admin?.end();
});

describe('Session Statistics', () => {
  it('entry 1: counts the victims by user, and a count lists exactly them; a close there is real', async () => {
    const app = await victims.account('stats_app');
    const busy = await victims.running(app);
    const second = await victims.running(app);
    const idle = await victims.idle(app);
    const page = main.page;
    await page.goto(at(ENTRY_1));
    await page.getByRole('tab', { name: en['stats.view.stats'] }).click();
    await seen(statsRegion(page, 'trade'));
    await untilCounted(page, app.user, 3);
    const row = byUser(page).getByRole('row').filter({ hasText: app.user });
    expect((await row.getByRole('cell').allInnerTexts()).map((t) => t.trim()).slice(0, 3)).toEqual([
      app.user,
      '2',
      '3',
    ]);
    // By SQL: the two victims run one statement, one row (active 2 at least: other runs may add theirs).
    await page
      .getByRole('searchbox', { name: english('stats.search', { column: en['stats.col.sql'] }) })
      .fill('from dual where sleep');
    const statement = page
      .getByRole('table', { name: en['stats.by.sql'] })
      .getByRole('row')
      .filter({ hasText: 'SELECT ? FROM DUAL WHERE SLEEP (?)' });
    await seen(statement.first());
    const [, active] = (await statement.first().getByRole('cell').allInnerTexts()).map((t) =>
      Number(t.trim()),
    );
    expect(active).toBeGreaterThanOrEqual(2);

    await drillTotal(page, app.user, 3).click();
    expect(await page.getByRole('tab', { name: en['stats.view.list'] }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await seen(page.getByRole('listitem').filter({ hasText: `User = ${app.user}` }));
    const list = page.getByRole('region', { name: english('tenant.region', { tenant: 'trade' }) });
    await counted(dataRows(list), 3);
    expect((await shownIds(list)).sort()).toEqual([busy.id, second.id, idle.id].sort());
    await seen(page.getByText(english('pager.range', { from: 1, to: 3, total: 3 })));

    // The same actions as the list: close the running victim for real.
    await rowOf(page, busy.id).getByRole('button', { name: en['actions.closeSession'] }).click();
    await page.getByRole('dialog').getByRole('button', { name: en['confirm.session.confirm'] }).click();
    await victims.gone(busy.id);
    expect(await endOf(busy)).not.toBeNull();
    await counted(rowOf(page, busy.id), 0);
    await counted(dataRows(list), 2);

    // Back in the statistics, the count follows the close.
    await page.getByRole('tab', { name: en['stats.view.stats'] }).click();
    await untilCounted(page, app.user, 2);
  });

  it('entry 2: the view opens there too and is kept when another tenant is picked', async () => {
    const app = await victims.account('stats_app2');
    await victims.running(app);
    const page = main.page;
    await page.goto(at(ENTRY_2));
    const picker = page.getByRole('combobox', { name: en['picker.tenant'] });
    await seen(picker);
    await page.getByRole('tab', { name: en['stats.view.stats'] }).click();
    await seen(statsRegion(page, 'billing'));
    await picker.selectOption('trade');
    await seen(statsRegion(page, 'trade'));
    expect(await page.getByRole('tab', { name: en['stats.view.stats'] }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await untilCounted(page, app.user, 1);
    await drillTotal(page, app.user, 1).click();
    await seen(page.getByRole('listitem').filter({ hasText: `User = ${app.user}` }));
    await counted(
      dataRows(page.getByRole('region', { name: english('tenant.region', { tenant: 'trade' }) })),
      1,
    );
    await page
      .getByRole('button', { name: english('stats.chipClear', { column: en['stats.col.user'] }) })
      .click();
    await counted(page.getByRole('listitem').filter({ hasText: `User = ${app.user}` }), 0);
  });
});
