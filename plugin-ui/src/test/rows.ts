import { screen } from '@testing-library/react';

/** The table row of a session, found by its id (waits for the table). */
export async function rowOf(id: string): Promise<HTMLTableRowElement> {
  const cell = await screen.findByRole('cell', { name: new RegExp(`^${id}`) });
  return cell.closest('tr') as HTMLTableRowElement;
}

/**
 * Every column's title on the fixture's OceanBase tenant (its SQL ID column is there too), in the
 * default order; the selection column has none.
 */
export const ALL_HEADERS = [
  '',
  'Session ID',
  'SQL',
  'SQL ID',
  'User',
  'Source',
  'Database Name',
  'Command',
  'Execution Time (s)',
  'Status',
  'Transaction (s)',
  'Blocked by',
  'Blocking',
  'observer',
  'OBProxy',
  'Actions',
];

/** The table's column titles as shown (sort marks aside). */
export const headers = () =>
  screen.getAllByRole('columnheader').map((th) => th.textContent?.replace(/[▲▼↕]/g, '').trim());
