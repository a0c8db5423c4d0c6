import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { matching } from './obfixture';
import type { Figure } from './report';
import { p50, round } from './stats';

declare global {
  interface Window {
    __lastKeyAt?: number;
    __painted?: Promise<number>;
    __lists?: Array<{ sentAt: number; answeredAt: number }>;
  }
}

/**
 * Before the page's own scripts: the time of the last keydown, and of each sessions.list request
 * sent and its answer fully received (the parcel's fetch, wrapped: it hands the answer on once read).
 */
const INIT = `
  document.addEventListener('keydown', () => { window.__lastKeyAt = performance.now(); }, { capture: true });
  window.__lists = [];
  const original = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const sentAt = performance.now();
    const response = await original(...args);
    const url = String(args[0] instanceof Request ? args[0].url : args[0]);
    if (url.includes('sessions.list')) {
      await response.clone().arrayBuffer();
      window.__lists.push({ sentAt, answeredAt: performance.now() });
    }
    return response;
  };`;

type Timing = { total: number; toRequest: number; server: number; render: number };

/** The last list request after `from`, and the paint: where the time of one action went. */
const timingOf = async (page: Page, from: number, end: number): Promise<Timing> => {
  const lists = (await page.evaluate(() => window.__lists ?? [])).filter((l) => l.sentAt >= from - 1);
  const last = lists.at(-1) ?? { sentAt: Number.NaN, answeredAt: Number.NaN };
  return {
    total: end - from,
    toRequest: last.sentAt - from,
    server: last.answeredAt - last.sentAt,
    render: end - last.answeredAt,
  };
};

/**
 * Arms a watch in the page: resolves (page time) to the frame after the table is no longer busy,
 * the pager's range ends with `suffix`, and (`virtual`) a spacer row stands for rows off screen.
 * Page scripts are strings: tsx would wrap named functions in a helper the page lacks.
 */
const armPaint = (page: Page, suffix: string, virtual = false) =>
  page.evaluate(`window.__painted = new Promise((resolve) => {
    const ready = () =>
      document.querySelector('table.tsp-table')?.getAttribute('aria-busy') === 'false' &&
      (document.querySelector('.tsp-pager-range')?.textContent ?? '').endsWith(${JSON.stringify(suffix)}) &&
      (${virtual} ? document.querySelector('tr.tsp-spacer') !== null : true);
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }); undefined`);

const painted = (page: Page) => page.evaluate(() => window.__painted as Promise<number>);
const count = (n: number) => n.toLocaleString('en-US');

/** A search typed into the User column's box: from the Enter keystroke to the new rows painted. */
const searchOnce = async (page: Page, needle: string, sessions: number): Promise<Timing> => {
  await page.getByRole('button', { name: /^Search User/ }).click();
  const box = page.getByRole('textbox', { name: 'User contains' });
  await box.fill('');
  await armPaint(page, `of ${count(matching(sessions, needle))}`);
  await box.pressSequentially(needle, { delay: 0 });
  await box.press('Enter');
  const end = await painted(page);
  const start = await page.evaluate(() => window.__lastKeyAt ?? 0);
  return timingOf(page, start, end);
};

/** The debounced path: from the last keystroke to the rows painted (the pause of 250 ms included). */
const typeOnce = async (page: Page, needle: string, sessions: number): Promise<Timing> => {
  await page.getByRole('button', { name: /^Search User/ }).click();
  const box = page.getByRole('textbox', { name: 'User contains' });
  await box.fill('');
  await armPaint(page, `of ${count(matching(sessions, needle))}`);
  await box.pressSequentially(needle, { delay: 0 });
  const start = await page.evaluate(() => window.__lastKeyAt ?? 0);
  const end = await painted(page);
  await box.press('Escape');
  return timingOf(page, start, end);
};

/**
 * The parcel in Debian's Chromium, in the portal the sidecar serves, on the fixture tenant: a
 * search keystroke to painted rows, a 1,000-row page's render, and the row elements in the DOM.
 */
export const parcelInChromium = async (
  sidecarUrl: string,
  tenantId: string,
  sessions: number,
): Promise<Figure[]> => {
  // The browser tests' Chromium: Debian's, headless, quiet, a fresh profile removed on close.
  const browser = await launchBrowser();
  const { context } = browser;
  const section = `parcel in Chromium, ${count(sessions)} sessions`;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(INIT);
    await page.goto(`${sidecarUrl}/clusters/bench/tenants/${tenantId}/sessions`);
    await page.locator('.tsp-pager-range', { hasText: `of ${count(sessions)}` }).waitFor({ timeout: 30_000 });

    const needles = ['report', 'batch', 'admin', 'app_ro', 'svc_1', 'app_rw'];
    const enter: Timing[] = [];
    for (const needle of needles) enter.push(await searchOnce(page, needle, sessions));
    const typed: Timing[] = [];
    for (const needle of ['report', 'batch', 'admin']) typed.push(await typeOnce(page, needle, sessions));
    const median = (timings: Timing[], part: keyof Timing) => round(p50(timings.map((t) => t[part])));
    const parts = (timings: Timing[]) =>
      `to the request ${median(timings, 'toRequest')} ms, sidecar ${median(timings, 'server')} ms, answer → painted ${median(timings, 'render')} ms`;

    // Back to every session, then 1,000 rows a page.
    await page.getByRole('button', { name: 'Clear User search' }).click();
    await page.locator('.tsp-pager-range', { hasText: `of ${count(sessions)}` }).waitFor();
    await armPaint(page, `1,000 of ${count(sessions)}`, true);
    const chosenAt = await page.evaluate(() => performance.now());
    await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('1000');
    const thousand = await timingOf(page, chosenAt, await painted(page));
    const rows = await page.locator('table.tsp-table tbody tr:not(.tsp-spacer)').count();
    return [
      {
        section,
        name: 'search keystroke (Enter) → new rows painted, p50',
        value: median(enter, 'total'),
        unit: 'ms',
        target: { max: 150, text: '≤ 150 ms' },
        note: `${enter.length} searches: ${enter.map((t) => Math.round(t.total)).join(', ')} ms; ${parts(enter)}`,
      },
      {
        section,
        name: 'typing without Enter: last key → painted, p50 (250 ms pause included)',
        value: median(typed, 'total'),
        unit: 'ms',
        note: parts(typed),
      },
      {
        section,
        name: "a 1,000-row page's render (answer received → painted)",
        value: round(thousand.render),
        unit: 'ms',
        target: { max: 100, text: '≤ 100 ms' },
        note: `choice → painted ${round(thousand.total)} ms: sidecar ${round(thousand.server)} ms`,
      },
      {
        section,
        name: 'row elements in the DOM on the 1,000-row page',
        value: rows,
        unit: 'rows',
        target: { max: 100, text: '≤ 100' },
      },
    ];
  } finally {
    await browser.close();
  }
};
