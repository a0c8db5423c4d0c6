import { screen } from '@testing-library/react';

/** The table row of a session, found by its id (waits for the table). */
export async function rowOf(id: string): Promise<HTMLTableRowElement> {
  const cell = await screen.findByRole('cell', { name: new RegExp(`^${id}`) });
  return cell.closest('tr') as HTMLTableRowElement;
}
