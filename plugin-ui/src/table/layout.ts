/**
 * The columns' layout (README, "Columns and details"). The table is laid out fixed: each column
 * but SQL has the width below (its title may wrap to two lines, its values are cut with an
 * ellipsis and shown whole in the session details), SQL takes what is left. The default columns
 * fit in a tab 960 px wide (a 1280 px window with the console's side navigation); observer and
 * OBProxy are shown by default only once the tab is `WIDE_FROM` wide (a 1600 px window).
 */
export const COLUMN_WIDTHS: Record<string, number> = {
  id: 88,
  user: 88,
  source: 120,
  database: 104,
  command: 98,
  timeSeconds: 98,
  status: 76,
  observer: 124,
  obproxy: 124,
  sqlId: 120,
  // Sessions and locks (README): shown by default from LOCKS_FROM, and in the Blockers filter.
  transactionSeconds: 104,
  blockedBy: 88,
  blocking: 84,
  actions: 152,
};

/**
 * The columns shown by default only in a wide tab. SQL ID (OceanBase only) is one of them: at
 * 1280 px the columns an operator sorts and reads first come before it; below, it is in the
 * column menu and the session details.
 */
export const WIDE_ONLY = ['observer', 'obproxy', 'sqlId'] as const;

/** The tab's width (px) from which the wide-only columns are shown by default. */
export const WIDE_FROM = 1240;

/** The lock columns, shown by default only in a tab `LOCKS_FROM` wide (a 1920 px window). */
export const LOCK_COLUMNS = ['transactionSeconds', 'blockedBy', 'blocking'] as const;
export const LOCKS_FROM = 1500;

/**
 * The columns that cannot be hidden or moved: the selection boxes stay at the left edge
 * (`LEADING_COLUMNS`), the row's actions at the right edge.
 */
export const FIXED_COLUMNS = ['select', 'actions'] as const;
export const LEADING_COLUMNS = ['select'] as const;

/**
 * The default visibility at a tab width: all columns when the width is not known (0: not laid
 * out, as in a test's DOM), else the wide-only ones only from `WIDE_FROM`.
 */
export const defaultVisibility = (width: number): Record<string, boolean> => ({
  ...(width > 0 && width < WIDE_FROM ? Object.fromEntries(WIDE_ONLY.map((id) => [id, false])) : {}),
  ...(width > 0 && width < LOCKS_FROM ? Object.fromEntries(LOCK_COLUMNS.map((id) => [id, false])) : {}),
});
