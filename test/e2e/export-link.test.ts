import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Connection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { en } from '../../plugin-ui/src/i18n/catalogs/en';
import { connect, waitUntilRunning } from '../support/db';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { type Browser, launchBrowser, saveFailure, type Watched, watch } from './browser';
import { rowOf, seen, shownIds, tenantRegion } from './tab';
import { createVictims, type Victims } from './victims';

/**
 * Links that reproduce a view, and the CSV export, in Debian's Chromium against the real sidecar
 * and database: a deep link opened in a fresh page shows the same searches and sort, Back steps
 * back through a filter change, and Export downloads the sessions a CSV parser reads back whole.
 */
const url = inject('mysqlUrl');
const portalDir = inject('portalDir');
const ENTRY_1 = '/clusters/east-1/tenants/trade/sessions';

let admin: Connection;
let victims: Victims;
let sidecar: TestSidecar;
let browser: Browser;
let current: Watched | undefined;

const at = (path: string) => `${sidecar.url}${path}`;
const byId = (a: string, b: string) => Number(a) - Number(b);
const activeOnly = () => current?.page.getByRole('checkbox', { name: en['toolbar.activeOnly'] });

beforeAll(async () => {
  admin = await connect(url);
  victims = await createVictims(url, admin);
  sidecar = await startSidecar([{ ...tenantOn(url, 'trade'), clusterId: 'east-1', clusterName: 'East 1' }], {
    staticDir: portalDir,
    portalSecret: TEST_SECRET,
  });
  browser = await launchBrowser();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && current) await saveFailure(current, context.task.name);
  await current?.page.close();
  current = undefined;
});

afterAll(async () => {
  await browser?.close();
  await sidecar?.stop();
  await victims?.drop();
  await admin?.end();
});

describe('links that reproduce a view, and the CSV export', () => {
  it('a deep link opened in a fresh page shows the same searches, active-only and sort; Back steps back', async () => {
    const who = await victims.account('link');
    const running = [await victims.running(who), await victims.running(who)];
    await victims.idle(who);
    const link = `${ENTRY_1}?ts.user=${who.user}&ts.active=1&ts.sort=id`;
    current = watch(await browser.context.newPage());
    const { page } = current;
    await page.goto(at(link));
    const region = tenantRegion(page, 'trade');
    await region.waitFor();
    await seen(page.getByRole('listitem').filter({ hasText: `User contains “${who.user}”` }));
    expect(await activeOnly()?.isChecked()).toBe(true);
    await expect
      .poll(() => shownIds(region), { timeout: 10_000 })
      .toEqual(running.map((v) => v.id).sort(byId));
    expect(await region.getByRole('columnheader', { name: /Session ID/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(current.errors).toEqual([]);

    // A filter change is a step of the history: Back brings the link's view again.
    await activeOnly()?.uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.get('ts.active')).toBeNull();
    await expect.poll(() => shownIds(region), { timeout: 10_000 }).toHaveLength(3);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('ts.active')).toBe('1');
    await expect.poll(() => activeOnly()?.isChecked()).toBe(true);
    await expect.poll(() => shownIds(region), { timeout: 10_000 }).toHaveLength(2);
  });

  it('Export downloads every session of the filters, read back by a CSV parser: BOM, quoting, ids', async () => {
    const who = await victims.account('csv');
    const statement = `SELECT 'a,b' AS "x""y",\n  'line' FROM DUAL WHERE SLEEP(30)`;
    const busy = await victims.idle(who);
    const ended = busy.busy(statement);
    await waitUntilRunning(admin, busy.id);
    const idle = await victims.idle(who);
    current = watch(await browser.context.newPage());
    const { page } = current;
    // pageSize 10: the export still writes every matching session, not one page.
    await page.goto(at(`${ENTRY_1}?ts.user=${who.user}&ts.size=10`));
    const region = tenantRegion(page, 'trade');
    await region.waitFor();
    await expect
      .poll(
        async () => {
          if ((await rowOf(page, busy.id).count()) > 0) return true;
          await page.getByRole('button', { name: en['toolbar.refresh'] }).click();
          return false;
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: en['export.sessions'], exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sessions-east-1-trade-\d{8}T\d{6}Z\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parse(bytes, { bom: true }) as string[][];
    expect(header?.[0]).toBe('Session ID');
    const ids = rows.map((r) => (r[0] ?? '').replace(/^\t/, ''));
    expect(ids.sort(byId)).toEqual([busy.id, idle.id].sort(byId));
    expect(rows.find((r) => r[0] === `\t${busy.id}`)?.[1]).toBe(statement);
    expect(current.errors).toEqual([]);
    await busy.close();
    await ended;
  });
});
