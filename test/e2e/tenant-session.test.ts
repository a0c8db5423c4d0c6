import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mysql2/promise';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, SLEEPING_SQL } from '../support/db';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { type Browser, launchBrowser, saveFailure, screenshot, type Watched, watch } from './browser';
import {
  counted,
  dataRows,
  NARROW_COLUMNS,
  PARCEL_ROOT,
  PARCEL_STYLE,
  readRow,
  rowOf,
  rowsPerPage,
  searchColumn,
  seen,
  shownIds,
  tenantRegion,
  texts,
} from './tab';
import { createVictims, endOf, type Victims } from './victims';

/**
 * The Tenant Session tab in Debian's Chromium: the built demo portal served by the real sidecar
 * (in-process, portal sign-in on), which reads and kills sessions of the test MariaDB. Every
 * session the tests look at is a connection they opened themselves.
 */
const url = inject('mysqlUrl');
const portalDir = inject('portalDir');
/** Set to write the docs/ screenshots from this run. */
const DOCS = process.env.E2E_DOCS_SCREENSHOTS === '1';

const CLUSTER = 'east-1';
const ENTRY_1 = `/clusters/${CLUSTER}/tenants/trade/sessions`;
const ENTRY_2 = `/diagnostics/${CLUSTER}/sessions`;

let admin: Connection;
let victims: Victims;
let sidecar: TestSidecar;
let browser: Browser;
/** The page the current test drives (its screenshot and log are kept if the test fails). */
let current: Watched;
let main: Watched;

/** Round trips before the heap's start is measured (scenario 8). */
const WARM_UP = 10;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const percent = (from: number, to: number) => `${(((to - from) / from) * 100).toFixed(1)}%`;
const openPage = async (): Promise<Watched> => watch(await browser.context.newPage());
const at = (path: string) => `${sidecar.url}${path}`;
const nav = (page: Page) => page.getByRole('navigation', { name: 'Console' });

/** Waits until session `id` is listed, refreshing while the sidecar's snapshot predates it. */
const untilListed = async (page: Page, id: string) => {
  await expect
    .poll(
      async () => {
        if ((await rowOf(page, id).count()) > 0) return true;
        await page.getByRole('button', { name: 'Refresh' }).click();
        return false;
      },
      { timeout: 15_000, interval: 250, message: `session ${id} never appeared in the table` },
    )
    .toBe(true);
};

/** Entry 1 for this run's sessions of `user` only (a User search keeps other tests' sessions out). */
const entry1For = async (page: Page, user: string) => {
  await page.goto(at(ENTRY_1));
  await tenantRegion(page, 'trade').waitFor();
  await searchColumn(page, 'User', user);
  await page
    .getByRole('listitem')
    .filter({ hasText: `User contains “${user}”` })
    .waitFor();
};

beforeAll(async () => {
  // Scenario 9 checks that this run wrote them.
  for (const name of ['entry-1-tenant-overview', 'entry-2-diagnostics'])
    rmSync(fileURLToPath(new URL(`./artifacts/${name}.png`, import.meta.url)), { force: true });
  admin = await connect(url);
  victims = await createVictims(url, admin);
  // billing's account has no PROCESS: it sees only its own sessions, so the picker's choice shows.
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
  main = watch(browser.context.pages()[0] ?? (await browser.context.newPage()));
  current = main;
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await saveFailure(current, context.task.name);
  current = main;
  await victims?.closeAll();
});

afterAll(async () => {
  await browser?.close();
  await sidecar?.stop();
  await victims?.drop();
  await admin?.end();
});

describe('both entry points list the sessions the test opened', () => {
  it('1. entry 1 (tenant overview) lists a running victim among the others', async () => {
    const app = await victims.account('app');
    const reporter = await victims.account('report');
    const busy = await victims.running(reporter);
    const idle = await victims.idle(app);
    await victims.idle(app);
    const page = main.page;
    await page.goto(at(ENTRY_1));
    await seen(page.getByRole('heading', { name: 'Tenant Session' }));
    const region = tenantRegion(page, 'trade');
    await region.waitFor();
    await rowsPerPage(page, 500);
    await untilListed(page, busy.id);
    await untilListed(page, idle.id);

    const headers = (await region.getByRole('columnheader').allInnerTexts()).map((h) =>
      h.replace(/[▲▼↕]/g, '').trim(),
    );
    expect(headers).toEqual([...NARROW_COLUMNS]);
    const row = await readRow(rowOf(page, busy.id));
    expect(row).toMatchObject({
      'Session ID': busy.id,
      User: reporter.user,
      'Database Name': victims.database.name,
      Command: 'Query',
      Status: 'ACTIVE',
    });
    expect(row.Source).toMatch(new RegExp(`^(127\\.0\\.0\\.1|localhost):${busy.localPort}$`));
    expect(row.SQL).toContain(SLEEPING_SQL);
    expect(await readRow(rowOf(page, idle.id))).toMatchObject({
      User: app.user,
      Command: 'Sleep',
      Status: 'SLEEP',
    });
    // Among the others: the idle victims, the sidecar's own connections, whatever else runs.
    expect(await dataRows(region).count()).toBeGreaterThanOrEqual(4);
    const actions = rowOf(page, busy.id);
    expect(await actions.getByRole('button', { name: 'Close Session' }).isEnabled()).toBe(true);
    expect(
      await actions.getByRole('button', { name: `More actions for session ${busy.id}` }).isEnabled(),
    ).toBe(true);

    await screenshot(page, 'entry-1-tenant-overview');
  });

  it('2. entry 2 (diagnostics) picks the tenant, then shows the same table and the same victim', async () => {
    const reporter = await victims.account('report2');
    const busy = await victims.running(reporter);
    const page = main.page;
    await page.goto(at(ENTRY_1));
    await rowsPerPage(page, 500);
    await untilListed(page, busy.id);
    const seenAtEntry1 = await readRow(rowOf(page, busy.id));

    await nav(page).getByRole('link', { name: 'Real-time Diagnostics' }).click();
    await seen(page.getByRole('heading', { name: 'Real-time Diagnostics' }));
    const picker = page.getByRole('combobox', { name: 'Tenant' });
    await texts(picker.getByRole('option'), ['billing', 'trade']);
    // The first tenant comes first: its account sees only its own sessions, not the victim.
    await seen(tenantRegion(page, 'billing'));
    await seen(page.getByText(/lacks the PROCESS privilege/));
    expect(await rowOf(page, busy.id).count()).toBe(0);

    await picker.selectOption('trade');
    const region = tenantRegion(page, 'trade');
    await region.waitFor();
    await rowsPerPage(page, 500);
    await untilListed(page, busy.id);
    const headers = (await region.getByRole('columnheader').allInnerTexts()).map((h) =>
      h.replace(/[▲▼↕]/g, '').trim(),
    );
    expect(headers).toEqual([...NARROW_COLUMNS]);
    const seenAtEntry2 = await readRow(rowOf(page, busy.id));
    const { 'Execution Time (s)': _t1, ...same1 } = seenAtEntry1;
    const { 'Execution Time (s)': _t2, ...same2 } = seenAtEntry2;
    expect(same2).toEqual(same1);
    expect(same2).toMatchObject({ User: reporter.user, Status: 'ACTIVE', Command: 'Query' });

    await screenshot(page, 'entry-2-diagnostics');
  });
});

describe('finding a session', () => {
  it('3. a User search finds the victim alone; View Active Sessions Only keeps it and drops an idle one', async () => {
    const loner = await victims.account('loner');
    const app = await victims.account('app3');
    const busy = await victims.running(loner);
    const idle = await victims.idle(app);
    const page = main.page;

    await entry1For(page, loner.user);
    await untilListed(page, busy.id);
    expect(await shownIds(page)).toEqual([busy.id]);
    await seen(page.getByRole('button', { name: `Search User (applied: ${loner.user})` }));

    // Every session of this run (the tag is in each of its account names), then only the active.
    await page.getByRole('button', { name: 'Clear User search' }).click();
    await searchColumn(page, 'User', victims.tag);
    await untilListed(page, idle.id);
    await untilListed(page, busy.id);
    const active = page.getByRole('checkbox', { name: 'View Active Sessions Only' });
    await active.check();
    await counted(rowOf(page, idle.id), 0);
    await counted(rowOf(page, busy.id), 1);
    expect(await dataRows(page).locator('td.tsp-col-status').allInnerTexts()).not.toContain('SLEEP');
    await active.uncheck();
    await counted(rowOf(page, idle.id), 1);
  });
});

describe('reading a session’s SQL', () => {
  it('4. View SQL shows the running victim’s exact statement, and Copy puts it on the clipboard', async () => {
    const reporter = await victims.account('sql');
    const busy = await victims.running(reporter);
    const page = main.page;
    await entry1For(page, reporter.user);
    await untilListed(page, busy.id);
    await page.evaluate(() => navigator.clipboard.writeText('not the SQL yet'));

    await rowOf(page, busy.id)
      .getByRole('button', { name: `View SQL of session ${busy.id}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `SQL of session ${busy.id}` });
    const text = dialog.getByRole('region', { name: 'Full SQL text' });
    await seen(text);
    expect(await text.locator('pre').textContent()).toBe(SLEEPING_SQL);

    await dialog.getByRole('button', { name: 'Copy' }).click();
    await texts(dialog.getByRole('status'), ['Copied']);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(SLEEPING_SQL);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await counted(dialog, 0);
  });
});

describe('closing', () => {
  it('5. Close Current Query: the victim’s statement fails with errno 1317 and its connection still answers', async () => {
    const reporter = await victims.account('query');
    const busy = await victims.running(reporter);
    const page = main.page;
    await entry1For(page, reporter.user);
    await untilListed(page, busy.id);

    await rowOf(page, busy.id)
      .getByRole('button', { name: `More actions for session ${busy.id}` })
      .click();
    await page.getByRole('menuitem', { name: 'Close Current Query' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close the current query?' });
    expect(await dialog.textContent()).toContain(busy.id);
    expect(await dialog.textContent()).toContain(reporter.user);
    expect(await dialog.textContent()).toContain(SLEEPING_SQL);
    await dialog.getByRole('button', { name: 'Close Query' }).click();

    const error = await endOf(busy);
    expect(error?.errno).toBe(1317);
    expect(await busy.alive()).toBe(true);
    await seen(
      page.getByText(`The current query of session ${busy.id} was stopped; the session stays connected.`),
    );
    // The session stays, now idle.
    await expect
      .poll(
        async () => {
          const status = await rowOf(page, busy.id).locator('td.tsp-col-status').textContent();
          if (status !== 'SLEEP') await page.getByRole('button', { name: 'Refresh' }).click();
          return status;
        },
        { timeout: 10_000, interval: 250 },
      )
      .toBe('SLEEP');
  });

  it('6. Close Session: the victim’s connection is dead, its row is gone, and the operator is told', async () => {
    const app = await victims.account('doomed');
    const doomed = await victims.running(app);
    const bystander = await victims.idle(app);
    const page = main.page;
    await entry1For(page, app.user);
    await untilListed(page, doomed.id);
    await untilListed(page, bystander.id);
    const shown = await readRow(rowOf(page, doomed.id));

    await rowOf(page, doomed.id).getByRole('button', { name: 'Close Session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this session?' });
    expect(await dialog.textContent()).toContain(doomed.id);
    await dialog.getByRole('button', { name: 'Close Session' }).click();

    await seen(page.getByText(`Session ${doomed.id} (${app.user} from ${shown.Source}) was closed.`));
    expect(await endOf(doomed)).toBeInstanceOf(Error);
    expect(await doomed.alive()).toBe(false);
    await victims.gone(doomed.id);
    // The list refreshes by itself after a close: no Refresh click here.
    await counted(rowOf(page, doomed.id), 0);
    await counted(rowOf(page, bystander.id), 1);
    expect(await bystander.alive()).toBe(true);
  });
});

describe('a read-only operator', () => {
  it('7. sees the sessions but no close action, at both entry points', async () => {
    const app = await victims.account('viewed');
    const busy = await victims.running(app);
    current = await openPage();
    const page = current.page;
    await page.goto(at(`${ENTRY_1}?rights=read`));
    expect(await page.getByRole('checkbox', { name: 'Read-only operator' }).isChecked()).toBe(true);
    await seen(page.getByText('demo-viewer'));
    await searchColumn(page, 'User', app.user);
    await untilListed(page, busy.id);
    // Once the rights are known the tab says why closing is off; then no row offers it.
    await seen(
      page.getByText(
        'You may view tenant trade but not close its sessions: your account lacks the kill right.',
      ),
    );
    await seen(rowOf(page, busy.id).getByText('View only'));
    await counted(page.getByRole('button', { name: 'Close Session' }), 0);
    await counted(page.getByRole('button', { name: /^More actions/ }), 0);

    await page.goto(at(`${ENTRY_2}?rights=read`));
    const picker = page.getByRole('combobox', { name: 'Tenant' });
    await texts(picker.getByRole('option'), ['billing (view only)', 'trade (view only)']);
    await picker.selectOption('trade');
    await searchColumn(page, 'User', app.user);
    await untilListed(page, busy.id);
    await seen(page.getByText(/not close its sessions: your account lacks the kill right/));
    await counted(page.getByRole('button', { name: 'Close Session' }), 0);
    await counted(page.getByRole('button', { name: /^More actions/ }), 0);
    await page.close();
  });
});

describe('mount hygiene', () => {
  it('8. 20 round trips between both entries and an unrelated page leave nothing behind', async () => {
    const app = await victims.account('hygiene');
    await victims.idle(app);
    const page = main.page;
    const cdp = await page.context().newCDPSession(page);
    /** The JS heap in use after a forced GC, and the page's JS event listeners. */
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const { jsEventListeners } = await cdp.send('Memory.getDOMCounters');
      return { used: usedSize, listeners: jsEventListeners };
    };
    /**
     * The heap once the page's JS event listeners have held still for 4.5 s (at most 12 s):
     * single-spa's lifecycle timeout timers (up to 4 s) hold the props of the last mounts.
     */
    const settled = async () => {
      let now = await heap();
      let stillSince = Date.now();
      const by = Date.now() + 12_000;
      while (Date.now() - stillSince < 4500 && Date.now() < by) {
        const next = await heap();
        if (next.listeners !== now.listeners) stillSince = Date.now();
        now = next;
      }
      return now;
    };
    const roots = () => page.locator(PARCEL_ROOT).count();
    const mostRoots: number[] = [];
    /** Requests to /trpc made while the console shows the unrelated page, the parcel gone. */
    const afterLeaving: string[] = [];
    let away = false;
    page.on('request', (request) => {
      if (away && new URL(request.url()).pathname.startsWith('/trpc')) afterLeaving.push(request.url());
    });

    await page.goto(at('/'));
    await seen(page.getByRole('heading', { name: 'Overview' }));
    const errorsBefore = main.errors.length;

    const roundTrip = async (round: number) => {
      away = false;
      await nav(page).getByRole('link', { name: 'Tenant trade' }).click();
      await tenantRegion(page, 'trade')
        .getByText(/^Data as of/)
        .waitFor();
      mostRoots.push(await roots());
      await nav(page).getByRole('link', { name: 'Real-time Diagnostics' }).click();
      await tenantRegion(page, 'billing').waitFor();
      // Every fifth round leaves before the list has answered: its request is cut short.
      if (round % 5 !== 4)
        await tenantRegion(page, 'billing')
          .getByText(/^Data as of/)
          .waitFor();
      mostRoots.push(await roots());
      await nav(page).getByRole('link', { name: 'Overview' }).click();
      await seen(page.getByRole('heading', { name: 'Overview' }));
      await counted(page.locator(PARCEL_ROOT), 0);
      away = true;
      expect(await page.locator(PARCEL_STYLE).count(), `round ${round}: our style stayed`).toBe(0);
    };

    // Warm-up before the measure. After a single round trip V8 is still compiling and optimizing
    // the parcel's code: with no mount retained at all, the heap then grows ~1 MB (~25%) over 20
    // more, almost all of it compiled code and type feedback. After ten it grows a few percent.
    for (let round = -WARM_UP; round < 0; round += 1) await roundTrip(round);
    const start = await settled();
    for (let round = 0; round < 20; round += 1) await roundTrip(round);
    // A quiet second on the unrelated page: nothing of ours may call the sidecar.
    const quietUntil = Date.now() + 1000;
    await expect.poll(() => Date.now() > quietUntil, { interval: 100 }).toBe(true);
    expect(Math.max(...mostRoots)).toBeLessThanOrEqual(1);
    expect(afterLeaving).toEqual([]);
    expect(main.errors.slice(errorsBefore)).toEqual([]);

    let end = await settled();
    // On a loaded machine a mount may stay referenced a while longer (a request still settling
    // after its abort): look again, with a forced GC each second, for up to 30 s. A mount that is
    // really kept stays counted and fails below.
    const bound = start.listeners * 1.1;
    const lateBy = Date.now() + 30_000;
    let waited = 0;
    while (end.listeners > bound && Date.now() < lateBy) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      waited += 1;
      end = await heap();
    }
    if (waited > 0) process.stdout.write(`mount hygiene: listeners settled ${waited} s late\n`);
    const growth = `JS heap after GC: ${mb(start.used)} after ${WARM_UP} warm-up round trips, ${mb(end.used)} after 20 more (${percent(start.used, end.used)}); JS event listeners ${start.listeners} → ${end.listeners}`;
    process.stdout.write(`mount hygiene: ${growth}\n`);
    // Each unmounted parcel's React root keeps its ~142 listeners on its (detached) container while
    // anything still references that container: the listener count shows a retained mount plainly.
    expect(end.listeners, `unmounted parcels stay referenced: ${growth}`).toBeLessThanOrEqual(bound);
    expect(end.used, `the heap grew more than 10%: ${growth}`).toBeLessThanOrEqual(start.used * 1.1);
    await cdp.detach();
  }, 120_000);
});

describe('artifacts', () => {
  it('9. a screenshot of each entry point is saved under test/e2e/artifacts/', () => {
    const shots = ['entry-1-tenant-overview', 'entry-2-diagnostics'].map((name) =>
      fileURLToPath(new URL(`./artifacts/${name}.png`, import.meta.url)),
    );
    for (const shot of shots) {
      expect(existsSync(shot), shot).toBe(true);
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    }
    if (DOCS) mkdirSync(fileURLToPath(new URL('../../docs', import.meta.url)), { recursive: true });
    if (DOCS)
      for (const shot of shots)
        copyFileSync(shot, fileURLToPath(new URL(`../../docs/${shot.split('/').pop()}`, import.meta.url)));
  });
});
