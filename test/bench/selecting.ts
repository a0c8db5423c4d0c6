import { launchBrowser } from '../e2e/browser';
import type { Figure } from './report';
import { p50, round } from './stats';

const TOGGLES = 10;
const count = (n: number) => n.toLocaleString('en-US');

/** Click → the next frame painted (a frame, then a task after it), timed inside the page. */
const clickToPaint = async (selector: string) => {
  const box = document.querySelector<HTMLElement>(selector);
  if (!box) throw new Error(`nothing matches ${selector}`);
  const started = performance.now();
  box.click();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - started;
};

/**
 * Close many at once in Chromium at `sessions` sessions with a 1,000-row page: "Select all on
 * this page" toggled on and off (click → painted), then the confirmation of the page's selected
 * sessions opened (click → its list of every session painted).
 */
export const selectingInChromium = async (
  sidecarUrl: string,
  tenantId: string,
  sessions: number,
): Promise<Figure[]> => {
  const browser = await launchBrowser();
  const section = `selecting in Chromium, ${count(sessions)} sessions, 1,000-row page`;
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${sidecarUrl}/clusters/bench/tenants/${tenantId}/sessions`);
    await page.locator('.tsp-pager-range', { hasText: `of ${count(sessions)}` }).waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('1000');
    await page
      .locator('.tsp-pager-range', { hasText: `1,000 of ${count(sessions)}` })
      .waitFor({ timeout: 30_000 });
    const header = 'input[aria-label="Select all on this page"]';
    const toggles: number[] = [];
    for (let i = 0; i < TOGGLES; i++) toggles.push(await page.evaluate(clickToPaint, header));
    // Even: off again. Select the page once more and open the confirmation of what it took.
    await page.evaluate(clickToPaint, header);
    const selected =
      (await page
        .getByRole('toolbar', { name: 'Close many at once' })
        .getByRole('status')
        .textContent({ timeout: 5000 })
        .catch(() => null)) ?? 'no selection bar (the header box selected nothing)';
    const headerState = await page.evaluate((sel) => {
      const box = document.querySelector<HTMLInputElement>(sel);
      if (!box) return 'no header box';
      return `header box ${box.disabled ? 'disabled' : 'enabled'}, ${box.checked ? 'checked' : 'unchecked'}`;
    }, header);
    const open = await page.evaluate(async () => {
      const bar = document.querySelector('[role="toolbar"][aria-label="Close many at once"]');
      const button = [...(bar?.querySelectorAll('button') ?? [])].find(
        (b) => b.textContent === 'Close Session',
      );
      const started = performance.now();
      button?.click();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const rows = document.querySelectorAll('[role="dialog"] .tsp-bulk-list tbody tr').length;
      return { ms: performance.now() - started, rows };
    });
    return [
      {
        section,
        name: '"Select all on this page" → painted, p50',
        value: round(p50(toggles)),
        unit: 'ms',
        target: { max: 100, text: '≤ 100 ms' },
        note: `${TOGGLES} toggles: ${toggles.map((t) => Math.round(t)).join(', ')} ms`,
      },
      {
        section,
        name: 'the confirmation of the page opens (click → every session listed, painted)',
        value: round(open.ms),
        unit: 'ms',
        target: { max: 300, text: '≤ 300 ms' },
        note: `${open.rows} sessions listed; bar: ${selected}; ${headerState}`,
      },
    ];
  } finally {
    await browser.close();
  }
};
