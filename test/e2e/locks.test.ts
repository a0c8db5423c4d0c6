import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { english } from '../../plugin-ui/src/test/i18n';
import { type Account, connect, createAccount, createDatabase, type Database } from '../support/db';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { type Browser, launchBrowser, saveFailure, screenshot, type Watched, watch } from './browser';
import { dataRows, readRow, rowOf, searchColumn, seen, shownIds, tenantRegion } from './tab';

/**
 * Who blocks whom in Chromium, with real InnoDB row locks on the test MariaDB: A updates a row in
 * a transaction and sleeps, B and C update the same row and wait; the tab shows it, and closing A
 * from the tab lets B's and C's statements complete on their own connections.
 */
const url = inject('mysqlUrl');
const portalDir = inject('portalDir');
const ENTRY_1 = '/clusters/east-1/tenants/trade/sessions';

let admin: Connection;
let db: Database;
let app: Account;
let sidecar: TestSidecar;
let browser: Browser;
let current: Watched;
const opened: Connection[] = [];

/** A connection of the app account that waits up to 60 s for a lock. */
const session = async (): Promise<Connection> => {
  const connection = await connect(url, { user: app.user, password: app.password, database: db.name });
  connection.on('error', () => undefined);
  await connection.query('SET SESSION innodb_lock_wait_timeout = 60');
  opened.push(connection);
  return connection;
};
const idOf = (connection: Connection) => String(connection.threadId);

/** Waits until InnoDB shows these sessions waiting for a lock (polled past its 100 ms refresh). */
const waiting = async (...connections: Connection[]) => {
  const ids = connections.map(idOf);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id IN (?)`,
      [ids],
    );
    if (Number(rows[0]?.n) === ids.length) return;
  }
  throw new Error(`sessions ${ids.join(', ')} did not come to wait for a lock within 10 s`);
};

/** Refreshes until `check` holds for the page (the sidecar's snapshot and InnoDB's may lag). */
const untilShown = async (page: Page, what: string, check: () => Promise<boolean>) =>
  expect
    .poll(
      async () => {
        if (await check()) return true;
        await page.getByRole('button', { name: english('toolbar.refresh') }).click();
        return false;
      },
      { timeout: 20_000, interval: 400, message: what },
    )
    .toBe(true);

beforeAll(async () => {
  admin = await connect(url);
  db = await createDatabase(admin, 'locksui');
  await admin.query(`CREATE TABLE \`${db.name}\`.t (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB`);
  await admin.query(`INSERT INTO \`${db.name}\`.t VALUES (1, 0)`);
  app = await createAccount(admin, 'locksui', [`SELECT, UPDATE ON \`${db.name}\`.*`]);
  sidecar = await startSidecar(
    [{ ...tenantOn(url, 'trade'), clusterId: 'east-1', clusterName: 'East 1 (local MariaDB)' }],
    { staticDir: portalDir, portalSecret: TEST_SECRET },
  );
  browser = await launchBrowser();
  current = watch(browser.context.pages()[0] ?? (await browser.context.newPage()));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await saveFailure(current, context.task.name);
});

afterAll(async () => {
  for (const connection of opened.splice(0)) connection.destroy();
  await browser?.close();
  await sidecar?.stop();
  await app?.drop();
  await db?.drop();
  await admin?.end();
});

describe('sessions and locks in the tab', () => {
  it('shows A blocking B and C, lists A first among the blockers, and closing A lets B and C complete', async () => {
    const a = await session();
    const b = await session();
    const c = await session();
    await a.query('BEGIN');
    await a.query('UPDATE t SET v = 1 WHERE id = 1');
    const bDone = b.query('UPDATE t SET v = 2 WHERE id = 1').then(
      () => null,
      (error: Error) => error,
    );
    await waiting(b);
    const cDone = c.query('UPDATE t SET v = 3 WHERE id = 1').then(
      () => null,
      (error: Error) => error,
    );
    await waiting(b, c);
    const [A, B, C] = [idOf(a), idOf(b), idOf(c)];

    const page = current.page;
    // The lock columns are shown by default from a 1920 px window (and in the Blockers filter).
    await page.setViewportSize({ width: 1920, height: 900 });
    await page.goto(`${sidecar.url}${ENTRY_1}`);
    const region = tenantRegion(page, 'trade');
    await region.waitFor();
    await searchColumn(page, 'User', app.user);
    const blocking = english('column.blocking');
    await untilShown(page, `session ${A} should read Blocking 2`, async () => {
      if ((await rowOf(page, A).count()) === 0) return false;
      return (await readRow(rowOf(page, A)))[blocking]?.startsWith('2') ?? false;
    });

    const rowA = await readRow(rowOf(page, A));
    expect(rowA[english('column.status')]).toMatch(/^SLEEP · in transaction \d+ s$/);
    expect(Number(rowA[english('column.transactionSeconds')])).toBeGreaterThanOrEqual(0);
    expect(rowA[english('column.blockedBy')]).toMatch(/^—/);
    await untilShown(page, `sessions ${B} and ${C} should read blocked by ${A}`, async () => {
      const rows = [await readRow(rowOf(page, B)), await readRow(rowOf(page, C))];
      return rows.every((row) => row[english('column.blockedBy')]?.split(/\s+/).includes(A));
    });
    expect((await readRow(rowOf(page, B)))[blocking]).toMatch(/^1/);
    expect((await readRow(rowOf(page, C)))[blocking]).toMatch(/^—/);

    // The Blockers filter at 1280 px: A first (2 waiting), then B (C waits behind it too); C is
    // not a blocker. The lock columns are shown there too, and the table still fits.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('checkbox', { name: english('locks.filter') }).check();
    await expect.poll(() => shownIds(region), { timeout: 10_000 }).toEqual([A, B]);
    expect((await readRow(rowOf(page, A)))[blocking]).toMatch(/^2/);
    const scroll = await page.evaluate(() => {
      const box = document.querySelector<HTMLElement>('.tsp-root .tsp-scroll');
      return box ? box.scrollWidth - box.clientWidth : -1;
    });
    expect(scroll, 'the table scrolls sideways in the Blockers filter at 1280 px').toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: english('locks.chainOf', { id: A }) }).click();
    const chain = page.getByRole('region', { name: english('locks.chainRegion', { id: A }) });
    await seen(chain.getByRole('listitem').first());
    expect((await chain.getByRole('listitem').allInnerTexts()).map((t) => t.trim())).toContain(
      `${A} → ${B} → ${C}`,
    );
    await screenshot(page, 'locks-blockers');

    // Closing A from the tab: the confirmation says how many it should release, then B and C go on.
    await rowOf(page, A)
      .getByRole('button', { name: english('actions.closeSession') })
      .click();
    const dialog = page.getByRole('dialog');
    await seen(dialog.getByText(english('locks.releaseSession', { count: 2 })));
    await dialog.getByRole('button', { name: english('confirm.session.confirm') }).click();
    await seen(
      page.getByText(
        english('close.killed.session', { id: A, user: app.user, source: rowA[english('column.source')] }),
      ),
    );
    expect(
      await Promise.race([bDone, new Promise((r) => setTimeout(() => r('still waiting'), 10_000))]),
    ).toBeNull();
    expect(
      await Promise.race([cDone, new Promise((r) => setTimeout(() => r('still waiting'), 10_000))]),
    ).toBeNull();
    // Both updates went through on their own connections (C's last).
    const [rows] = await c.query<RowDataPacket[]>('SELECT v FROM t WHERE id = 1');
    expect(rows[0]?.v).toBe(3);
    await expect.poll(() => dataRows(region).count(), { timeout: 10_000 }).toBe(0);
  });
});
