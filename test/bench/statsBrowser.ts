import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import type { Figure } from './report';
import { p50, round } from './stats';

/** The time of the last pointer press, before the page's own scripts (capture phase). */
const INIT = `document.addEventListener('pointerdown', () => { window.__pressedAt = performance.now(); }, { capture: true });`;

/**
 * Arms a watch: resolves (page time) to the frame after the Session Statistics view shows its
 * cards with a count and its four tables with rows. A page script as a string (see browser.ts).
 */
const armStatsPaint = (page: Page) =>
  page.evaluate(`window.__statsPainted = new Promise((resolve) => {
    const ready = () =>
      document.querySelector('.tsp-cards .tsp-card-value')?.textContent?.trim() &&
      document.querySelectorAll('table.tsp-group-table tbody tr td.tsp-group-value').length >= 4;
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }); undefined`);

/**
 * The parcel in Chromium on the fixture tenant: the click on Session Statistics to the view
 * painted with its figures, p50 over switches back and forth (each switch mounts the view again;
 * the first one waits for the sidecar's first answer, the next ones show the last answer while the
 * new one loads, as the tab does).
 */
export const statsInChromium = async (
  sidecarUrl: string,
  tenantId: string,
  sessions: number,
): Promise<Figure[]> => {
  const browser = await launchBrowser();
  const count = sessions.toLocaleString('en-US');
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.addInitScript(INIT);
    await page.goto(`${sidecarUrl}/clusters/bench/tenants/${tenantId}/sessions`);
    await page.locator('.tsp-pager-range', { hasText: `of ${count}` }).waitFor({ timeout: 30_000 });
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      await armStatsPaint(page);
      await page.getByRole('tab', { name: 'Session Statistics' }).click();
      const end = (await page.evaluate('window.__statsPainted')) as number;
      const start = (await page.evaluate('window.__pressedAt')) as number;
      times.push(end - start);
      await page.getByRole('tab', { name: 'Tenant Session' }).click();
      await page.locator('.tsp-pager-range', { hasText: `of ${count}` }).waitFor();
    }
    const [first, ...rest] = times;
    return [
      {
        section: `parcel in Chromium, ${count} sessions`,
        name: 'switch to Session Statistics → painted, p50',
        value: round(p50(times)),
        unit: 'ms',
        target: { max: 150, text: '≤ 150 ms' },
        note: `${times.length} switches: ${times.map((t) => Math.round(t)).join(', ')} ms (the first waits for the first answer: ${Math.round(first ?? 0)} ms; later ones p50 ${round(p50(rest))} ms)`,
      },
    ];
  } finally {
    await browser.close();
  }
};
