import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

describe('closing from the keyboard', () => {
  it('opens the More menu with Enter, closes it with Escape, and reaches Close Current Query', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    const more = within(await rowOf(activeLong.id)).getByRole('button', {
      name: say('actions.more', { id: activeLong.id }),
    });
    more.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('menuitem', { name: say('actions.closeQuery') })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(more).toHaveFocus();

    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: say('confirm.query.title') });
    expect(within(dialog).getByRole('button', { name: say('confirm.cancel') })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: say('confirm.query.confirm') })).toHaveFocus();
    await user.tab();
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(more).toHaveFocus();
    expect(sidecar.calls.filter((c) => c.path.startsWith('sessions.kill'))).toEqual([]);
  });
});
