import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

describe('rights in the UI (tenants.list rights)', () => {
  it('without kill: no close action on any row, each row says why, and so does a notice', async () => {
    const sidecar = mockSidecar();
    renderTab({ tenantId: 'pay' });
    const row = await rowOf(activeLong.id);
    expect(within(row).queryByRole('button', { name: say('actions.closeSession') })).toBeNull();
    expect(within(row).queryByRole('button', { name: /More actions/ })).toBeNull();
    const viewOnly = within(row).getByText(say('actions.viewOnly'));
    expect(viewOnly).toHaveAttribute('title', expect.stringMatching(/lacks the kill right/));
    expect(screen.getByRole('status')).toHaveTextContent(
      'You may view tenant pay but not close its sessions: your account lacks the kill right.',
    );
    expect(sidecar.inputs('sessions.kill')).toEqual([]);
  });

  it('with kill: the close actions are there and no refusal is shown', async () => {
    mockSidecar();
    renderTab({ tenantId: 'trade' });
    const row = await rowOf(activeLong.id);
    expect(within(row).getByRole('button', { name: say('actions.closeSession') })).toBeEnabled();
    expect(screen.queryByText(/lacks the kill right/)).toBeNull();
  });

  it('while the rights are unknown or unreadable, closing stays off and says why', async () => {
    mockSidecar({
      'tenants.list': () => {
        throw new Error('boom');
      },
    });
    renderTab({ tenantId: 'trade' });
    const row = await rowOf(activeLong.id);
    expect(within(row).queryByRole('button', { name: say('actions.closeSession') })).toBeNull();
    expect(
      await screen.findByText(/rights on tenant trade could not be read, so closing is off/),
    ).toBeInTheDocument();
  });
});
