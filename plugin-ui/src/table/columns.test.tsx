import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong, guarded, sleeping } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { ALL_HEADERS, headers, rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

describe('the sessions table', () => {
  it('shows the columns in the order of the issue', async () => {
    mockSidecar();
    renderTab();
    await rowOf(activeLong.id);
    expect(headers()).toEqual(ALL_HEADERS);
  });

  it('renders every column of a row, the 64-bit id exactly', async () => {
    mockSidecar();
    renderTab();
    const cells = within(await rowOf(activeLong.id)).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual([
      '',
      '18446744073709551615',
      `${activeLong.sqlPreview}${say('cell.viewSql')}`,
      `—${say('cell.none')}`,
      'app_rw',
      '10.1.2.3:51234',
      'trade',
      'Query',
      '12.3',
      'ACTIVE',
      '—none',
      '—none',
      '—none',
      '10.0.0.5:2882',
      '10.0.0.9:2883',
      `${say('actions.closeSession')}${say('actions.moreText')}▾`,
    ]);
  });

  it('shows a session standing on two observers once, naming both', async () => {
    mockSidecar();
    renderTab();
    const row = await rowOf(sleeping.id);
    const cells = within(row).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('3221487617+1 obs');
    expect(cells[13]).toHaveTextContent('10.0.0.6:288210.0.0.7:2882');
    expect(cells[6]).toHaveTextContent('—');
    expect(cells[14]).toHaveTextContent('—');
  });

  it('offers View SQL on ACTIVE rows only', async () => {
    mockSidecar();
    renderTab();
    expect(within(await rowOf(activeLong.id)).getByRole('button', { name: /View SQL/ })).toBeInTheDocument();
    expect(within(await rowOf(guarded.id)).getByRole('button', { name: /View SQL/ })).toBeInTheDocument();
    expect(within(await rowOf(sleeping.id)).queryByRole('button', { name: /View SQL/ })).toBeNull();
  });

  it('disables the actions of a protected session and says why', async () => {
    mockSidecar();
    renderTab();
    const row = await rowOf(guarded.id);
    const close = within(row).getByRole('button', { name: say('actions.closeSession') });
    expect(close).toBeDisabled();
    expect(close).toHaveAccessibleDescription("Protected: a connection of the session service's own pool");
    expect(within(row).getByRole('button', { name: /More actions/ })).toBeDisabled();
  });

  it('hides closing where the operator lacks the kill right, and says so', async () => {
    mockSidecar();
    renderTab({ tenantId: 'pay' });
    const row = await rowOf(activeLong.id);
    expect(within(row).queryByRole('button', { name: say('actions.closeSession') })).toBeNull();
    expect(
      await screen.findByText(/not close its sessions: your account lacks the kill right/),
    ).toBeInTheDocument();
  });

  it('formats numbers and times in the locale the host gives', async () => {
    mockSidecar();
    renderTab({ locale: 'de-DE' });
    const cells = within(await rowOf(activeLong.id)).getAllByRole('cell');
    expect(cells[8]).toHaveTextContent('12,3');
    expect(screen.getByText(/^Data as of /)).toHaveTextContent(/\d{2}:\d{2}:\d{2}/);
  });
});
