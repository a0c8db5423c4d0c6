import type { ColumnVisibilityState } from '@tanstack/react-table';
import { LOCK_COLUMNS } from '../table/layout';

/**
 * The columns while the Blockers filter is on: the lock columns shown whatever the width (its
 * Chain is in Blocking), Database Name and Command left to the session details to make room, so
 * the laptop layout still fits (README, "Sessions and locks").
 */
export const blockersVisibility = (visibility: ColumnVisibilityState): ColumnVisibilityState => ({
  ...visibility,
  ...Object.fromEntries(LOCK_COLUMNS.map((id) => [id, true])),
  database: false,
  command: false,
});
