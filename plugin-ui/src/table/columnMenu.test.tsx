import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { ALL_HEADERS, headers, rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';
import { PREFS_KEY } from './columnPrefs';

const ALL = ALL_HEADERS;

const openMenu = async (user: ReturnType<typeof renderTab>['user']) => {
  await user.click(screen.getByRole('button', { name: say('columns.menu') }));
  return screen.getByRole('dialog', { name: say('columns.menuLabel') });
};

afterEach(() => localStorage.clear());

describe('the column menu', () => {
  it('hides a column and moves another; both hold after a remount, from localStorage', async () => {
    mockSidecar();
    const first = renderTab();
    await rowOf(activeLong.id);
    expect(headers()).toEqual(ALL);
    const menu = await openMenu(first.user);
    await first.user.click(within(menu).getByRole('checkbox', { name: 'OBProxy' }));
    await first.user.click(
      within(menu).getByRole('button', { name: say('columns.up', { column: 'Status' }) }),
    );
    await first.user.keyboard('{Escape}');
    const chosen = ALL.filter((h) => h !== 'OBProxy');
    const time = chosen.indexOf('Execution Time (s)');
    [chosen[time], chosen[time + 1]] = ['Status', 'Execution Time (s)'];
    expect(headers()).toEqual(chosen);
    // The rows follow: as many cells as headers, Status's badge under Status.
    const cells = within(await rowOf(activeLong.id)).getAllByRole('cell');
    expect(cells).toHaveLength(chosen.length);
    expect(cells[chosen.indexOf('Status')]?.textContent).toBe('ACTIVE');
    expect(JSON.parse(localStorage.getItem(PREFS_KEY) ?? 'null')).toMatchObject({
      visibility: { obproxy: false },
    });

    first.unmount();
    const second = renderTab();
    await rowOf(activeLong.id);
    expect(headers()).toEqual(chosen);

    const again = await openMenu(second.user);
    await second.user.click(within(again).getByRole('button', { name: say('columns.reset') }));
    await second.user.keyboard('{Escape}');
    expect(headers()).toEqual(ALL);
    expect(localStorage.getItem(PREFS_KEY)).toBeNull();
  });

  it('cannot hide or move Actions; Escape closes the menu and focus returns to its button', async () => {
    mockSidecar();
    const { user } = renderTab();
    await rowOf(activeLong.id);
    const menu = await openMenu(user);
    expect(within(menu).queryByRole('checkbox', { name: 'Actions' })).toBeNull();
    expect(
      within(menu).getByRole('button', { name: say('columns.down', { column: 'OBProxy' }) }),
    ).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: say('columns.menuLabel') })).toBeNull();
    expect(screen.getByRole('button', { name: say('columns.menu') })).toHaveFocus();
  });

  it('reads a stored choice naming unknown columns or of a wrong shape as far as it is valid', async () => {
    localStorage.setItem(
      PREFS_KEY,
      JSON.stringify({ visibility: { user: false, nope: false, status: 'no' }, order: ['nope', 'status'] }),
    );
    mockSidecar();
    renderTab();
    await rowOf(activeLong.id);
    expect(headers()).toEqual([
      '',
      'Status',
      ...ALL.filter((h) => h !== '' && h !== 'User' && h !== 'Status'),
    ]);
  });
});
