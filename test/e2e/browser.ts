import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM } from './e2e.global';

/** Screenshots and console logs of a run (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/** Headless Debian Chromium, quiet: no sandbox (containers), no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Browser = { context: BrowserContext; close: () => Promise<void> };

/** Debian's Chromium, headless, with a fresh profile of its own (removed on close). */
export const launchBrowser = async (): Promise<Browser> => {
  const profile = mkdtempSync(path.join(tmpdir(), 'tenant-sessions-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** What a page said: console messages, uncaught errors, and every request it made. */
export type Watched = {
  page: Page;
  /** Every console message and page error, in order, as `[type] text`. */
  log: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  requests: Array<{ at: number; method: string; url: string }>;
};

export const watch = (page: Page): Watched => {
  const watched: Watched = { page, log: [], errors: [], requests: [] };
  page.on('console', (message) => {
    const line = `[${message.type()}] ${message.text()}`;
    watched.log.push(line);
    if (message.type() === 'error') watched.errors.push(line);
  });
  page.on('pageerror', (error) => {
    const line = `[pageerror] ${error.stack ?? error.message}`;
    watched.log.push(line);
    watched.errors.push(line);
  });
  page.on('request', (request) =>
    watched.requests.push({ at: Date.now(), method: request.method(), url: request.url() }),
  );
  return watched;
};

const fileName = (name: string) =>
  name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 90);

/** Saves a screenshot of the page under artifacts/ and returns its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${fileName(name)}.png`);
  await page.screenshot({ path: file });
  return file;
};

/** After a failed test: the page's screenshot and its console log, under artifacts/failed-*. */
export const saveFailure = async (watched: Watched, testName: string): Promise<void> => {
  const name = fileName(`failed ${testName}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    path.join(ARTIFACTS, `${name}.console.log`),
    [`url: ${watched.page.url()}`, ...watched.log, ''].join('\n'),
  );
  if (!watched.page.isClosed()) await screenshot(watched.page, name).catch(() => undefined);
};
