import { spawnSync } from 'node:child_process';
import type { Connection } from 'mysql2/promise';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { zhCN } from '../../plugin-ui/src/i18n/catalogs/zh-CN';
import { en, english } from '../../plugin-ui/src/test/i18n';
import { connect, SLEEPING_SQL } from '../support/db';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { type Browser, launchBrowser, saveFailure, type Watched, watch } from './browser';
import {
  COLUMNS,
  counted,
  NARROW_COLUMNS,
  PARCEL_ROOT,
  rowOf,
  rowsPerPage,
  seen,
  texts,
  WIDE_COLUMNS,
} from './tab';
import { createVictims, endOf, type Victims } from './victims';

/**
 * At the operator's desk (README, "Columns and details"), in Debian's Chromium against the real
 * sidecar and MariaDB: the columns' boxes measured against the window at 1280, 1440, 1600 and
 * 1920 px in English and Chinese, the column menu remembered across a reload, and the details
 * panel of a real session.
 */
const url = inject('mysqlUrl');
const portalDir = inject('portalDir');
const CLUSTER = 'east-1';
const ENTRY_1 = `/clusters/${CLUSTER}/tenants/trade/sessions`;
const ENTRY_2 = `/diagnostics/${CLUSTER}/sessions`;
const WIDE = WIDE_COLUMNS;
const ZH = (key: keyof typeof zhCN) => zhCN[key];
/** A column's Chinese title; the selection column has none in either language (its header is a box). */
const zhTitle = (title: string) => (title === '' ? '' : ZH(keyOfTitle(title)));
const titles = {
  en: { narrow: [...NARROW_COLUMNS], wide: [...WIDE], widest: [...COLUMNS] },
  'zh-CN': {
    narrow: NARROW_COLUMNS.map(zhTitle),
    wide: WIDE.map(zhTitle),
    widest: COLUMNS.map(zhTitle),
  },
};
function keyOfTitle(title: string) {
  const key = (Object.keys(en) as Array<keyof typeof en>).find(
    (k) => k.startsWith('column.') && en[k] === title,
  );
  if (!key) throw new Error(`no column key for ${title}`);
  return key;
}

let admin: Connection;
let victims: Victims;
let sidecar: TestSidecar;
let browser: Browser;
let current: Watched;
const at = (path: string) => `${sidecar.url}${path}`;

const headersOf = async (page: Page) =>
  (await page.locator(`${PARCEL_ROOT} table.tsp-table`).getByRole('columnheader').allInnerTexts()).map((h) =>
    h.replace(/[▲▼↕]/g, '').trim(),
  );

/** Each column header's box, the table's scroll box, and the window, as the browser lays them out. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('.tsp-root .tsp-scroll');
    const heads = [...document.querySelectorAll<HTMLElement>('.tsp-root table.tsp-table thead th')].map(
      (th) => {
        const box = th.getBoundingClientRect();
        const labels = [...th.querySelectorAll<HTMLElement>('button')].filter(
          (b) => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > box.right + 0.5,
        );
        return {
          title: (th.textContent ?? '').replace(/[▲▼↕]/g, '').trim(),
          left: Math.round(box.left),
          right: Math.round(box.right),
          width: Math.round(box.width),
          clipped: th.scrollWidth > th.clientWidth + 1 || labels.length > 0,
        };
      },
    );
    return {
      window: window.innerWidth,
      scrollWidth: scroller?.scrollWidth ?? 0,
      clientWidth: scroller?.clientWidth ?? 0,
      heads,
    };
  });

/** Waits until session `id` is listed, refreshing while the sidecar's snapshot predates it. */
const untilListed = async (page: Page, id: string, refresh: string = en['toolbar.refresh']) => {
  await expect
    .poll(
      async () => {
        if ((await rowOf(page, id).count()) > 0) return true;
        await page.getByRole('button', { name: refresh }).click();
        return false;
      },
      { timeout: 15_000, interval: 250, message: `session ${id} never appeared in the table` },
    )
    .toBe(true);
};

beforeAll(async () => {
  const cjk = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (!cjk.stdout?.trim())
    throw new Error('No Chinese font for Chromium: install one (apt-get install fonts-wqy-microhei).');
  admin = await connect(url);
  victims = await createVictims(url, admin);
  const cluster = { clusterId: CLUSTER, clusterName: 'East 1 (local MariaDB)' };
  sidecar = await startSidecar([{ ...tenantOn(url, 'trade'), ...cluster }], {
    staticDir: portalDir,
    portalSecret: TEST_SECRET,
  });
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sidecar.url });
  current = watch(browser.context.pages()[0] ?? (await browser.context.newPage()));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await saveFailure(current, context.task.name);
  await current.page.evaluate(() => localStorage.clear()).catch(() => undefined);
  await victims?.closeAll();
});

afterAll(async () => {
  await browser?.close();
  await sidecar?.stop();
  await victims?.drop();
  await admin?.end();
});

describe('the columns fit the window', () => {
  const sizes = [1280, 1440, 1600, 1920] as const;
  it.each(['en', 'zh-CN'] as const)(
    '20. in %s at 1280, 1440, 1600 and 1920 px: the default columns lie inside the window, none clipped, no sideways scrolling; observer and OBProxy from 1600 px',
    async (lang) => {
      const busy = await victims.running(await victims.account(`w${lang.replace('-', '')}`));
      const page = current.page;
      for (const width of sizes) {
        await page.setViewportSize({ width, height: 800 });
        for (const entry of [ENTRY_1, ENTRY_2]) {
          await page.goto(at(`${entry}?lang=${lang}`));
          await page
            .getByRole('combobox', { name: lang === 'en' ? en['pager.size'] : zhCN['pager.size'] })
            .selectOption('500');
          await untilListed(page, busy.id, lang === 'en' ? en['toolbar.refresh'] : zhCN['toolbar.refresh']);
          const wanted =
            width >= 1920 ? titles[lang].widest : width >= 1600 ? titles[lang].wide : titles[lang].narrow;
          await expect.poll(() => headersOf(page), { timeout: 5000 }).toEqual(wanted);
          const m = await measure(page);
          const where = `${lang} ${width} px ${entry}`;
          console.log(`${where}: ${m.heads.map((h) => `${h.title} ${h.width}`).join(', ')}`);
          expect(m.scrollWidth, `${where}: the table scrolls sideways`).toBeLessThanOrEqual(
            m.clientWidth + 1,
          );
          for (const head of m.heads) {
            expect(head.right, `${where}: “${head.title}” ends past the window`).toBeLessThanOrEqual(
              m.window,
            );
            expect(head.left, `${where}: “${head.title}”`).toBeGreaterThanOrEqual(0);
            expect(head.clipped, `${where}: “${head.title}” is clipped`).toBe(false);
          }
        }
      }
      await page.setViewportSize({ width: 1280, height: 720 });
    },
  );
});

describe('the column menu', () => {
  it('21. hides User, moves Status left, shows observer: the choice survives a reload; Reset columns brings the defaults back', async () => {
    const busy = await victims.running(await victims.account('menu'));
    const page = current.page;
    await page.goto(at(ENTRY_1));
    await rowsPerPage(page, 500);
    await untilListed(page, busy.id);
    expect(await headersOf(page)).toEqual([...NARROW_COLUMNS]);

    await page.getByRole('button', { name: en['columns.menu'], exact: true }).click();
    const menu = page.getByRole('dialog', { name: en['columns.menuLabel'] });
    await menu.getByRole('checkbox', { name: en['column.user'], exact: true }).uncheck();
    await menu.getByRole('checkbox', { name: en['column.observer'], exact: true }).check();
    await menu.getByRole('button', { name: english('columns.up', { column: en['column.status'] }) }).click();
    await page.keyboard.press('Escape');
    await counted(menu, 0);
    const chosen = [
      '',
      'Session ID',
      'SQL',
      'Source',
      'Database Name',
      'Command',
      'Status',
      'Execution Time (s)',
      'observer',
      'Actions',
    ];
    expect(await headersOf(page)).toEqual(chosen);
    expect(await rowOf(page, busy.id).getByRole('cell').count()).toBe(chosen.length);

    await page.reload();
    await rowsPerPage(page, 500);
    await untilListed(page, busy.id);
    expect(await headersOf(page)).toEqual(chosen);

    await page.getByRole('button', { name: en['columns.menu'], exact: true }).click();
    await menu.getByRole('button', { name: en['columns.reset'] }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => headersOf(page)).toEqual([...NARROW_COLUMNS]);
    await page.reload();
    await seen(page.locator(`${PARCEL_ROOT} table.tsp-table`));
    expect(await headersOf(page)).toEqual([...NARROW_COLUMNS]);
  });
});

describe('the session details', () => {
  it('22. Enter on a real session’s row opens its details: values with Copy, the full SQL read fresh; Escape closes and focus returns to the row; Close Session from the panel closes it for real', async () => {
    const who = await victims.account('details');
    const busy = await victims.running(who);
    const page = current.page;
    await page.goto(at(ENTRY_1));
    await rowsPerPage(page, 500);
    await untilListed(page, busy.id);

    const row = rowOf(page, busy.id);
    await row.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: english('details.title', { id: busy.id }) });
    await seen(panel);
    const facts = Object.fromEntries(
      await panel
        .locator('dl.tsp-facts dt')
        .evaluateAll((dts) =>
          dts.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']),
        ),
    );
    expect(facts).toMatchObject({
      'Session ID': busy.id,
      User: who.user,
      'Database Name': victims.database.name,
      Command: 'Query',
      Status: 'ACTIVE',
    });
    expect(facts.Source).toMatch(new RegExp(`:${busy.localPort}$`));
    for (const label of [
      'State',
      'observer',
      'OBProxy',
      'Proxy session ID',
      'Trace ID',
      'SQL ID',
      'Transaction state',
    ])
      expect(Object.keys(facts)).toContain(label);
    const sql = panel.getByRole('region', { name: en['details.sql'] });
    await texts(sql.locator('pre'), [SLEEPING_SQL]);

    await panel
      .getByRole('button', { name: english('details.copyOf', { field: en['column.user'] }) })
      .click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(who.user);

    await page.keyboard.press('Escape');
    await counted(panel, 0);
    expect(await row.evaluate((tr) => tr === document.activeElement)).toBe(true);

    await row.getByRole('cell', { name: busy.id, exact: true }).click();
    await seen(panel);
    await panel.getByRole('button', { name: en['actions.closeSession'], exact: true }).click();
    const confirm = page.getByRole('dialog', { name: en['confirm.session.title'] });
    await confirm.getByRole('button', { name: en['confirm.session.confirm'], exact: true }).click();
    expect((await endOf(busy))?.message).toBeTruthy();
    await victims.gone(busy.id);
  });
});
