import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { en, english } from '../../plugin-ui/src/test/i18n';

/** How long the page may take to show what a test waits for. */
const SHOWN_MS = 10_000;

/** Waits until `locator` is visible (Playwright's own web-first asserts live in @playwright/test). */
export const seen = (locator: Locator, timeout = SHOWN_MS): Promise<void> =>
  locator.waitFor({ state: 'visible', timeout });

/** Waits until `locator` matches exactly `count` elements. */
export const counted = (locator: Locator, count: number, timeout = SHOWN_MS) =>
  expect
    .poll(() => locator.count(), { timeout, interval: 100, message: `${locator} should count ${count}` })
    .toBe(count);

/** Waits until the elements of `locator` read exactly `wanted`. */
export const texts = (locator: Locator, wanted: string[], timeout = SHOWN_MS) =>
  expect
    .poll(async () => (await locator.allInnerTexts()).map((t) => t.trim()), { timeout, interval: 100 })
    .toEqual(wanted);

/**
 * The columns of the tab, in the order, as the English catalog titles them; the first,
 * the selection's checkboxes, has a checkbox for its header and no text.
 */
export const COLUMNS = [
  '',
  en['column.id'],
  en['column.sql'],
  en['column.user'],
  en['column.source'],
  en['column.database'],
  en['column.command'],
  en['column.time'],
  en['column.status'],
  en['column.transactionSeconds'],
  en['column.blockedBy'],
  en['column.blocking'],
  en['column.observer'],
  en['column.obproxy'],
  en['column.actions'],
] as const;
export type Column = (typeof COLUMNS)[number];

/**
 * The columns shown by default below 1600 px (README, "Columns and details"): observer and
 * OBProxy are in the session details there.
 */
export const LOCK_TITLES: readonly string[] = [
  en['column.transactionSeconds'],
  en['column.blockedBy'],
  en['column.blocking'],
];
/** The columns shown by default from 1600 px: all but the lock columns, which come from 1920 px. */
export const WIDE_COLUMNS = COLUMNS.filter((c) => !LOCK_TITLES.includes(c));
export const NARROW_COLUMNS = WIDE_COLUMNS.filter(
  (c) => c !== en['column.observer'] && c !== en['column.obproxy'],
);

/** The parcel's root element (plugin-ui/src/Root.tsx) and its one style element (useScopedStyles). */
export const PARCEL_ROOT = '.tsp-root';
export const PARCEL_STYLE = 'style[data-tenant-sessions]';

/** The tab's region for one tenant (TenantView's `aria-label`). */
export const tenantRegion = (page: Page, tenantName: string): Locator =>
  page.getByRole('region', { name: english('tenant.region', { tenant: tenantName }) });

/** The page of a scope: inner locators of `has` filters are built from it (they are relative). */
const pageOf = (scope: Page | Locator): Page => ('goto' in scope ? scope : scope.page());

/** The row of session `id`: the one whose first cell is exactly that id. */
export const rowOf = (scope: Page | Locator, id: string): Locator =>
  scope.getByRole('row').filter({ has: pageOf(scope).getByRole('cell', { name: id, exact: true }) });

/** The data rows shown (header row excluded). */
export const dataRows = (scope: Page | Locator): Locator =>
  scope.getByRole('row').filter({ has: pageOf(scope).getByRole('cell') });

/** A row as column → text, the columns read from the table's own headers. */
export const readRow = async (row: Locator): Promise<Record<string, string>> => {
  const table = row.locator('xpath=ancestor::table[1]');
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) =>
    h.replace(/[▲▼↕]/g, '').trim(),
  );
  const cells = await row.getByRole('cell').allInnerTexts();
  return Object.fromEntries(headers.map((header, i) => [header, (cells[i] ?? '').trim()]));
};

/** Every session id the table shows. */
export const shownIds = async (scope: Page | Locator): Promise<string[]> =>
  (await dataRows(scope).locator('td.tsp-col-id').allInnerTexts()).map((t) => t.trim().split(/\s/)[0] ?? '');

/** Opens the column search of `column`, types `text` and applies it. */
export const searchColumn = async (page: Page, column: 'User' | 'Source' | 'Database Name', text: string) => {
  const open = english('search.open', { column }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('button', { name: new RegExp(`^${open}`) }).click();
  await page.getByRole('textbox', { name: english('search.contains', { column }) }).fill(text);
  await page.getByRole('button', { name: en['search.apply'], exact: true }).click();
};

/** Shows up to `size` rows per page (the pager's own choice). */
export const rowsPerPage = (page: Page, size: number) =>
  page.getByRole('combobox', { name: en['pager.size'] }).selectOption(String(size));
