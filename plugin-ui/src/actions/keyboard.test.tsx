import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong } from '../test/fixtures';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

describe('closing from the keyboard', () => {
  it('opens the More menu with Enter, closes it with Escape, and reaches Close Current Query', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    const more = within(await rowOf(activeLong.id)).getByRole('button', {
      name: `More actions for session ${activeLong.id}`,
    });
    more.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('menuitem', { name: 'Close Current Query' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(more).toHaveFocus();

    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Close the current query?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Close Query' })).toHaveFocus();
    await user.tab();
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(more).toHaveFocus();
    expect(sidecar.calls.filter((c) => c.path.startsWith('sessions.kill'))).toEqual([]);
  });
});
