import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mysql2/promise';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { zhCN as consoleZh } from '../../plugin-ui/portal/i18n/zh-CN';
import { zhCN } from '../../plugin-ui/src/i18n/catalogs/zh-CN';
import { connect } from '../support/db';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { type Browser, launchBrowser, saveFailure, screenshot, type Watched, watch } from './browser';
import { counted, PARCEL_ROOT, rowOf, seen, texts } from './tab';
import { createVictims, type Victims } from './victims';

/**
 * The tab and the demo console in Chinese, in Debian's Chromium against the real sidecar and
 * database: the OCP labels at both entry points, a switch of language in place, and a layout
 * that holds at 1280 px in both languages, without sideways scrolling.
 */
const url = inject('mysqlUrl');
const portalDir = inject('portalDir');
const DOCS = process.env.E2E_DOCS_SCREENSHOTS === '1';

const CLUSTER = 'east-1';
const ENTRY_1 = `/clusters/${CLUSTER}/tenants/trade/sessions`;
const ENTRY_2 = `/diagnostics/${CLUSTER}/sessions`;

/** The OCP 4.x column titles of this screen (README, "Language"). */
/** The screenshots this file takes (scenario 14 checks that this run wrote them). */
const SHOTS = ['entry-1-tenant-overview-zh-CN', 'entry-2-diagnostics-zh-CN'];
const shotFile = (name: string) =>
  fileURLToPath(new URL(`./artifacts/${name.toLowerCase()}.png`, import.meta.url));

const ZH_COLUMNS = [
  '',
  '会话 ID',
  'SQL',
  '用户',
  '来源',
  '数据库名',
  '命令',
  '执行时间（s）',
  '状态',
  '操作',
];

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

/** Waits until session `id` is listed, refreshing while the sidecar's snapshot predates it. */
const untilListed = async (page: Page, id: string, refresh: string) => {
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

/**
 * Labels whose text does not fit their own box (clipped, or spilling out of it), and labels
 * outside the window, at the page's width. The table must not scroll sideways either (README,
 * "Columns and details"): its box is no wider than its content area, and every column title lies
 * inside the window. SQL previews and other cell values are cut with an ellipsis by design and are
 * left out.
 */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const LABELS =
      '.tsp-root th, .tsp-root button, .tsp-root label, .tsp-root .tsp-count, .tsp-root .tsp-asof, .tsp-root .tsp-title, .tsp-root .tsp-pager span, .tsp-root .tsp-notice-text, .tsp-root .tsp-protected, .console-bar *, .console-tabs span, .console-nav a, .console-trail, h1';
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(LABELS)) {
      if (!element.offsetParent || element.closest('.tsp-sql-preview, .tsp-audit-sql')) continue;
      const box = element.getBoundingClientRect();
      const spills =
        element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 2;
      const outside = box.right > window.innerWidth + 0.5;
      if ((spills && element.clientWidth > 0) || outside)
        found.push(
          `${element.tagName.toLowerCase()}.${element.className}: “${(element.textContent ?? '').trim()}”`,
        );
    }
    const scroller = document.querySelector<HTMLElement>('.tsp-root .tsp-scroll');
    if (scroller && scroller.scrollWidth > scroller.clientWidth + 1)
      found.push(`the table scrolls sideways (${scroller.scrollWidth} px in ${scroller.clientWidth} px)`);
    return found;
  });

beforeAll(async () => {
  // Without a CJK font Chromium draws boxes, and the widths measured below mean nothing.
  const cjk = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (!cjk.stdout?.trim())
    throw new Error('No Chinese font for Chromium: install one (apt-get install fonts-wqy-microhei).');
  for (const name of SHOTS) rmSync(shotFile(name), { force: true });
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
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sidecar.url });
  current = watch(browser.context.pages()[0] ?? (await browser.context.newPage()));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await saveFailure(current, context.task.name);
  await victims?.closeAll();
});

afterAll(async () => {
  await browser?.close();
  await sidecar?.stop();
  await victims?.drop();
  await admin?.end();
});

describe('the tab in Chinese (zh-CN)', () => {
  it('10. entry 1 with ?lang=zh-CN shows the OCP labels: 会话 ID, 执行时间（s）, 仅查看活跃会话, 关闭会话, 更多 → 关闭当前查询, 查看 SQL, 复制', async () => {
    const busy = await victims.running(await victims.account('zh1'));
    const page = current.page;
    await page.goto(at(`${ENTRY_1}?lang=zh-CN`));
    await seen(page.getByRole('heading', { name: zhCN['tab.title'] }));
    await seen(page.getByRole('region', { name: '租户 trade 的会话' }));
    expect(await page.locator(PARCEL_ROOT).getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('combobox', { name: zhCN['pager.size'] }).selectOption('500');
    await untilListed(page, busy.id, zhCN['toolbar.refresh']);
    expect(await headersOf(page)).toEqual(ZH_COLUMNS);
    await seen(page.getByRole('checkbox', { name: '仅查看活跃会话' }));

    const row = rowOf(page, busy.id);
    expect(await row.getByRole('button', { name: '关闭会话', exact: true }).isEnabled()).toBe(true);
    const more = row.getByRole('button', { name: `更多（会话 ${busy.id}）` });
    expect((await more.textContent())?.replace('▾', '').trim()).toBe('更多');
    await more.click();
    await seen(page.getByRole('menuitem', { name: '关闭当前查询' }));
    await page.keyboard.press('Escape');

    await row.getByRole('button', { name: /查看 SQL/ }).click();
    expect(await row.getByRole('button', { name: /查看 SQL/ }).textContent()).toBe('查看 SQL');
    const dialog = page.getByRole('dialog', { name: `SQL 详情 - ${busy.id}` });
    await seen(dialog.getByRole('region', { name: zhCN['sql.region'] }));
    await dialog.getByRole('button', { name: '复制', exact: true }).click();
    await texts(dialog.getByRole('status'), ['复制成功']);
    await dialog.getByRole('button', { name: zhCN['sql.close'], exact: true }).click();
    await counted(dialog, 0);

    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, 'entry-1-tenant-overview-zh-CN');
  });

  it('11. entry 2 in Chinese: the picker, the same labels, the menu and the close confirmation', async () => {
    const busy = await victims.running(await victims.account('zh2'));
    const page = current.page;
    await page.goto(at(`${ENTRY_1}?lang=zh-CN`));
    await page
      .getByRole('navigation', { name: consoleZh.navLabel })
      .getByRole('link', { name: consoleZh.diagnostics })
      .click();
    await seen(page.getByRole('heading', { name: consoleZh.diagnostics }));
    const picker = page.getByRole('combobox', { name: zhCN['picker.tenant'] });
    await texts(picker.getByRole('option'), ['billing', 'trade']);
    await picker.selectOption('trade');
    await seen(page.getByRole('region', { name: '租户 trade 的会话' }));
    await page.getByRole('combobox', { name: zhCN['pager.size'] }).selectOption('500');
    await untilListed(page, busy.id, zhCN['toolbar.refresh']);
    expect(await headersOf(page)).toEqual(ZH_COLUMNS);
    await seen(page.getByRole('checkbox', { name: '仅查看活跃会话' }));

    const row = rowOf(page, busy.id);
    await row.getByRole('button', { name: `更多（会话 ${busy.id}）` }).click();
    await page.getByRole('menuitem', { name: '关闭当前查询' }).click();
    const confirm = page.getByRole('dialog', { name: '确定要关闭查询吗？' });
    await seen(confirm);
    await confirm.getByRole('button', { name: zhCN['confirm.cancel'] }).click();
    await counted(confirm, 0);
    await row.getByRole('button', { name: /查看 SQL/ }).click();
    await seen(
      page
        .getByRole('dialog', { name: `SQL 详情 - ${busy.id}` })
        .getByRole('button', { name: '复制', exact: true }),
    );
    await page.keyboard.press('Escape');

    expect(await overflowing(page)).toEqual([]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'entry-2-diagnostics-zh-CN');
  });

  it('12. the console’s language switch turns the mounted tab to English and back, without a remount', async () => {
    const page = current.page;
    await page.goto(at(`${ENTRY_1}?lang=zh-CN`));
    await seen(page.getByRole('checkbox', { name: '仅查看活跃会话' }));
    await page.locator(PARCEL_ROOT).evaluate((root) => root.setAttribute('data-mounted-once', 'yes'));
    await page.getByRole('combobox', { name: consoleZh.language }).selectOption('en');
    await seen(page.getByRole('checkbox', { name: 'View Active Sessions Only' }));
    await seen(page.getByRole('heading', { name: 'Tenant Session' }));
    expect(await page.locator(PARCEL_ROOT).getAttribute('data-mounted-once')).toBe('yes');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await seen(page.getByRole('checkbox', { name: '仅查看活跃会话' }));
    expect(await page.locator(PARCEL_ROOT).getAttribute('data-mounted-once')).toBe('yes');
  });

  it.each(['en', 'zh-CN'])(
    '13. at 1280 px wide no label is clipped or overflows and the table does not scroll sideways, in %s, at both entry points',
    async (lang) => {
      await victims.running(await victims.account(`fit${lang.replace('-', '')}`));
      const page = current.page;
      expect(page.viewportSize()?.width).toBe(1280);
      for (const entry of [ENTRY_1, ENTRY_2]) {
        await page.goto(at(`${entry}?lang=${lang}`));
        await seen(page.locator(`${PARCEL_ROOT} table.tsp-table`));
        await seen(page.locator(`${PARCEL_ROOT} .tsp-count`).first());
        expect(await overflowing(page), `${entry} in ${lang}`).toEqual([]);
      }
    },
  );

  it('14. the zh-CN screenshots are saved (and copied to docs/ with E2E_DOCS_SCREENSHOTS=1)', () => {
    const shots = SHOTS.map(shotFile);
    for (const shot of shots) {
      expect(existsSync(shot), shot).toBe(true);
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    }
    if (DOCS) mkdirSync(fileURLToPath(new URL('../../docs', import.meta.url)), { recursive: true });
    for (const shot of shots)
      if (DOCS)
        copyFileSync(shot, fileURLToPath(new URL(`../../docs/${shot.split('/').pop()}`, import.meta.url)));
  });
});
