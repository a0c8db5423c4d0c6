import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

type Sidecar = ReturnType<typeof mockSidecar>;

const listed = (sidecar: Sidecar, expected: Record<string, unknown>) =>
  waitFor(() => expect(sidecar.lastList()).toMatchObject(expected));

async function onSecondPage(sidecar: Sidecar, user: UserEvent) {
  await rowOf(activeLong.id);
  await user.click(screen.getByRole('button', { name: say('pager.next') }));
  await listed(sidecar, { pageIndex: 1 });
}

describe('column searches and filters', () => {
  it('asks first for the longest-running sessions, 50 a page', async () => {
    const sidecar = mockSidecar();
    renderTab();
    await listed(sidecar, {
      clusterId: 'prod-1',
      tenantId: 'trade',
      activeOnly: false,
      sort: { column: 'timeSeconds', direction: 'desc' },
      pageIndex: 0,
      pageSize: 50,
    });
  });

  it.each([
    ['User', 'user'],
    ['Source', 'source'],
    ['Database Name', 'database'],
  ])(
    'searching %s sends %s and returns to the first page; the search is marked and clearable',
    async (label, field) => {
      const sidecar = mockSidecar();
      const { user } = renderTab();
      await onSecondPage(sidecar, user);

      await user.click(screen.getByRole('button', { name: say('search.open', { column: label }) }));
      await user.type(
        screen.getByRole('textbox', { name: say('search.contains', { column: label }) }),
        '  10.1_%  {Enter}',
      );
      await listed(sidecar, { [field]: '10.1_%', pageIndex: 0 });
      expect(
        screen.getByRole('button', { name: say('search.openApplied', { column: label, value: '10.1_%' }) }),
      ).toBeInTheDocument();
      expect(screen.getByRole('list', { name: say('search.chips') })).toHaveTextContent(
        `${label} contains “10.1_%”`,
      );

      await user.click(screen.getByRole('button', { name: say('search.chipClear', { column: label }) }));
      await waitFor(() => expect(sidecar.lastList()).not.toHaveProperty(field));
      expect(screen.getByRole('button', { name: say('search.open', { column: label }) })).toBeInTheDocument();
    },
  );

  it('View Active Sessions Only sends activeOnly and returns to the first page', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    await onSecondPage(sidecar, user);
    await user.click(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') }));
    await listed(sidecar, { activeOnly: true, pageIndex: 0 });
  });

  it('sorts on the sidecar by the clicked header, and back to the first page', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    await onSecondPage(sidecar, user);
    await user.click(screen.getByRole('button', { name: /^Session ID/ }));
    await listed(sidecar, { sort: { column: 'id', direction: 'asc' }, pageIndex: 0 });
    expect(screen.getByRole('columnheader', { name: /Session ID/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await user.click(screen.getByRole('button', { name: /^Session ID/ }));
    await listed(sidecar, { sort: { column: 'id', direction: 'desc' } });
    expect(screen.queryByRole('button', { name: /^SQL/ })).toBeNull();
  });

  it('pages by the chosen size and tells the range shown', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    await rowOf(activeLong.id);
    expect(screen.getByText('1–50 of 120')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: say('pager.size') }), '100');
    await listed(sidecar, { pageSize: 100, pageIndex: 0 });
    await user.click(screen.getByRole('button', { name: say('pager.last') }));
    await listed(sidecar, { pageSize: 100, pageIndex: 1 });
    expect(await screen.findByText('101–120 of 120')).toBeInTheDocument();
  });

  it('refreshes on demand and shows the time of the data', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    await rowOf(activeLong.id);
    expect(screen.getByText(/^Data as of /)).toBeInTheDocument();
    const before = sidecar.inputs('sessions.list').length;
    await user.click(screen.getByRole('button', { name: say('toolbar.refresh') }));
    await waitFor(() => expect(sidecar.inputs('sessions.list').length).toBe(before + 1));
  });
});
