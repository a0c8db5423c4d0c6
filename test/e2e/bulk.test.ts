import type { Connection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { english } from '../../plugin-ui/src/test/i18n';
import { connect } from '../support/db';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { type Browser, launchBrowser, saveFailure, type Watched, watch } from './browser';
import { counted, rowOf, searchColumn, seen, tenantRegion } from './tab';
import { createVictims, type Victims } from './victims';

/**
 * Close many at once in Debian's Chromium: the built demo portal served by the real sidecar,
 * real victims of the test MariaDB selected by their checkboxes and closed by one call.
 */
const url = inject('mysqlUrl');
const portalDir = inject('portalDir');
const CLUSTER = 'east-1';
const ENTRY_1 = `/clusters/${CLUSTER}/tenants/trade/sessions`;

let admin: Connection;
let victims: Victims;
let sidecar: TestSidecar;
let browser: Browser;
let main: Watched;

beforeAll(async () => {
  admin = await connect(url);
  victims = await createVictims(url, admin);
  sidecar = await startSidecar([{ ...tenantOn(url, 'trade'), clusterId: CLUSTER, clusterName: 'East 1' }], {
    staticDir: portalDir,
    portalSecret: TEST_SECRET,
  });
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

describe('closing many at once', () => {
  it('selects three victims, confirms, and closes them: gone, recorded under one call id', async () => {
    const app = await victims.account('bulk');
    const three = [await victims.idle(app), await victims.idle(app), await victims.idle(app)];
    const bystander = await victims.idle(app);
    const page = main.page;
    await page.goto(`${sidecar.url}${ENTRY_1}`);
    await tenantRegion(page, 'trade').waitFor();
    await searchColumn(page, 'User', app.user);
    for (const v of [...three, bystander]) await seen(rowOf(page, v.id));
    for (const v of three)
      await page.getByRole('checkbox', { name: english('bulk.select', { id: v.id }) }).check();
    const bar = page.getByRole('toolbar', { name: english('bulk.bar') });
    await seen(bar.getByText(english('bulk.selected', { count: 3 })));
    await bar.getByRole('button', { name: english('bulk.closeSessions') }).click();
    const dialog = page.getByRole('dialog', { name: english('bulk.title.session', { count: 3 }) });
    for (const v of three) await seen(dialog.getByRole('cell', { name: v.id, exact: true }));
    await dialog.getByRole('button', { name: english('bulk.confirm.session', { count: 3 }) }).click();
    const report = page.getByRole('dialog', { name: english('bulk.report.title') });
    await seen(report.getByText(english('bulk.report.allClosed')));
    for (const v of three) {
      await victims.gone(v.id);
      expect(await v.alive()).toBe(false);
    }
    expect(await bystander.alive()).toBe(true);
    await report.getByRole('button', { name: english('bulk.report.done') }).click();
    for (const v of three) await counted(rowOf(page, v.id), 0);
    const reader = await sidecar.as({ [`${CLUSTER}/*`]: ['read'] });
    const audit = await reader.audit.list.query({ clusterId: CLUSTER, tenantId: 'trade', pageSize: 50 });
    const records = audit.rows.filter((r) => three.some((v) => v.id === r.sessionId));
    expect(records.map((r) => r.outcome)).toEqual(['killed', 'killed', 'killed']);
    expect(new Set(records.map((r) => r.callId)).size).toBe(1);
  });
});
