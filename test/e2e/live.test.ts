import type { Connection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { english } from '../../plugin-ui/src/test/i18n';
import { connect } from '../support/db';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { type Browser, launchBrowser, saveFailure, type Watched, watch } from './browser';
import { rowOf, searchColumn, seen, tenantRegion } from './tab';
import { createVictims, type Victims } from './victims';

/**
 * Live refresh in Chromium against the real sidecar and MariaDB: a live tab sees a real session
 * appear and leave without a click, and holds still while the pointer is over the table.
 */
const url = inject('mysqlUrl');
const portalDir = inject('portalDir');
const CLUSTER = 'east-1';

let admin: Connection;
let victims: Victims;
let sidecar: TestSidecar;
let browser: Browser;
let current: Watched;

beforeAll(async () => {
  admin = await connect(url);
  victims = await createVictims(url, admin);
  sidecar = await startSidecar(
    [{ ...tenantOn(url, 'trade'), clusterId: CLUSTER, clusterName: 'East 1 (local MariaDB)' }],
    { staticDir: portalDir, portalSecret: TEST_SECRET },
  );
  browser = await launchBrowser();
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

/** How long a pushed session may take to show at a 1 s interval on a loaded machine. */
const PUSHED_MS = 10_000;

describe('a live tab', () => {
  it('sees a real session appear and leave without a click, and holds still while hovered', async () => {
    const who = await victims.account('live');
    const page = current.page;
    let refreshes = 0;
    page.on('request', (request) => {
      if (request.url().includes('sessions.list')) refreshes += 1;
    });
    await page.goto(`${sidecar.url}/clusters/${CLUSTER}/tenants/trade/sessions`);
    const region = tenantRegion(page, 'trade');
    await region.waitFor();
    await searchColumn(page, 'User', who.user);
    await page.getByRole('combobox', { name: english('live.interval') }).selectOption('1000');
    await page.mouse.move(0, 0);
    await seen(region.getByText(english('live.on'), { exact: true }));
    const listsBefore = refreshes;

    // Appears: pushed over the stream, no Refresh clicked, no list read.
    const first = await victims.running(who);
    await seen(rowOf(page, first.id), PUSHED_MS);

    // Hovered: a second session waits, counted, and shows once the pointer leaves.
    await page.getByRole('table').hover();
    const second = await victims.running(who);
    // What waits: the new row, and the first one's advancing time.
    const [before, after] = english('live.paused', { count: 0 }).split('0');
    const waiting = new RegExp(`^${before}[1-9]\\d*${after}$`);
    await seen(region.getByText(waiting), PUSHED_MS);
    expect(await rowOf(page, second.id).count()).toBe(0);
    await page.waitForTimeout(2500);
    expect(await rowOf(page, second.id).count()).toBe(0);
    await page.mouse.move(0, 0);
    await seen(rowOf(page, second.id), PUSHED_MS);

    // Leaves: the connection closed, the row goes by itself.
    await first.close();
    await rowOf(page, first.id).waitFor({ state: 'detached', timeout: PUSHED_MS });
    expect(refreshes).toBe(listsBefore);
  });
});
