import type { ListInput } from '@tenant-sessions/contracts';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong, pageOf, SESSIONS } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';
import { SEARCH_DEBOUNCE_MS } from './useDebounced';

const users = (sidecar: ReturnType<typeof mockSidecar>) =>
  sidecar.inputs<ListInput>('sessions.list').map((input) => input.user);

async function openUserSearch() {
  const view = renderTab();
  await rowOf(activeLong.id);
  await view.user.click(
    screen.getByRole('button', { name: say('search.open', { column: say('column.user') }) }),
  );
  return {
    ...view,
    box: screen.getByRole('textbox', { name: say('search.contains', { column: say('column.user') }) }),
  };
}

const rest = () => new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 150));

describe('column searches while typing', () => {
  it('ask once the keys rest, with what was typed, and keep the box open', async () => {
    const sidecar = mockSidecar();
    const { user, box } = await openUserSearch();
    await user.type(box, 'app_r');
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ user: 'app_r', pageIndex: 0 }));
    expect(users(sidecar).filter(Boolean)).toEqual(['app_r']);
    expect(box).toHaveFocus();
  });

  it('apply at once on Enter (no second call when the pause ends), and close the box', async () => {
    const sidecar = mockSidecar();
    const { user, box } = await openUserSearch();
    await user.type(box, 'rep{Enter}');
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ user: 'rep' }));
    expect(
      screen.queryByRole('textbox', { name: say('search.contains', { column: say('column.user') }) }),
    ).toBeNull();
    await rest();
    expect(users(sidecar).filter(Boolean)).toEqual(['rep']);
  });

  it('forget what was not applied yet on Escape', async () => {
    const sidecar = mockSidecar();
    const { user, box } = await openUserSearch();
    await user.type(box, 'zz{Escape}');
    await rest();
    expect(users(sidecar).filter(Boolean)).toEqual([]);
  });

  it('keep the header and the box when nothing matches, so the operator can type on', async () => {
    mockSidecar({
      'sessions.list': (input) => ((input as ListInput).user ? pageOf([]) : pageOf(SESSIONS, 120)),
    });
    const { user, box } = await openUserSearch();
    await user.type(box, 'nobody');
    expect(await screen.findByText(say('state.noMatch'))).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', { name: say('search.contains', { column: say('column.user') }) }),
    ).toHaveFocus();
    await user.type(
      screen.getByRole('textbox', { name: say('search.contains', { column: say('column.user') }) }),
      '{Backspace}'.repeat(6),
    );
    await rowOf(activeLong.id);
  });
});
