import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

const params = () => new URLSearchParams(window.location.search);

describe('links that reproduce a view', () => {
  it('opens the view a link holds: searches, active-only, sort and page size', async () => {
    window.history.replaceState(
      null,
      '',
      '/clusters/prod-1?host=1&ts.user=app&ts.active=1&ts.sort=user&ts.size=100',
    );
    const sidecar = mockSidecar();
    renderTab();
    await waitFor(() =>
      expect(sidecar.inputs('sessions.list')[0]).toMatchObject({
        user: 'app',
        activeOnly: true,
        sort: { column: 'user', direction: 'asc' },
        pageSize: 100,
        pageIndex: 0,
      }),
    );
    expect(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') })).toBeChecked();
    expect(params().get('host')).toBe('1');
    expect(screen.queryByText(/Parts of this link were ignored/)).toBeNull();
  });

  it('writes changes into the URL; Back and Forward step through filter changes', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    await rowOf(activeLong.id);
    const length = window.history.length;
    await user.click(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') }));
    await waitFor(() => expect(params().get('ts.active')).toBe('1'));
    expect(window.history.length).toBe(length + 1);
    await user.click(screen.getByRole('button', { name: say('search.open', { column: 'User' }) }));
    await user.type(
      screen.getByRole('textbox', { name: say('search.contains', { column: 'User' }) }),
      'app{Enter}',
    );
    await waitFor(() => expect(params().get('ts.user')).toBe('app'));
    expect(window.history.length).toBe(length + 2);

    await act(async () => {
      window.history.back();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ activeOnly: true }));
    expect(sidecar.lastList()).not.toHaveProperty('user');
    expect(params().get('ts.user')).toBeNull();
    expect(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') })).toBeChecked();

    await act(async () => {
      window.history.forward();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ activeOnly: true, user: 'app' }));
  });

  it('ignores, with a notice, what it does not know or the contract refuses; never an error page', async () => {
    window.history.replaceState(null, '', '/?ts.size=37&ts.sort=-password&ts.colour=red&ts.database=orders');
    const sidecar = mockSidecar();
    renderTab();
    await waitFor(() =>
      expect(sidecar.inputs('sessions.list')[0]).toMatchObject({
        database: 'orders',
        pageSize: 50,
        sort: { column: 'timeSeconds', direction: 'desc' },
      }),
    );
    expect(
      await screen.findByText(
        say('link.ignored', { params: 'ts.size=37, ts.sort=-password, ts.colour=red' }),
      ),
    ).toBeInTheDocument();
    await rowOf(activeLong.id);
  });

  it('chooses the tenant of entry 2 from the link', async () => {
    window.history.replaceState(null, '', '/?ts.tenant=pay');
    const sidecar = mockSidecar();
    renderTab({ tenantId: undefined });
    await waitFor(() => expect(sidecar.inputs('sessions.list')[0]).toMatchObject({ tenantId: 'pay' }));
  });

  it('leaves the URL alone when the host turns it off', async () => {
    window.history.replaceState(null, '', '/?ts.user=app');
    const sidecar = mockSidecar();
    const { user } = renderTab({ urlState: false });
    await rowOf(activeLong.id);
    expect(sidecar.inputs('sessions.list')[0]).not.toHaveProperty('user');
    await user.click(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') }));
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ activeOnly: true }));
    expect(window.location.search).toBe('?ts.user=app');
  });

  it('opens with the refresh interval a link names, and keeps the one chosen in the link', async () => {
    window.history.replaceState(null, '', '/clusters/prod-1?ts.refresh=15000');
    mockSidecar();
    const { user } = renderTab();
    await rowOf(activeLong.id);
    const control = screen.getByRole('combobox', { name: say('live.interval') });
    expect(control).toHaveValue('15000');
    await user.selectOptions(control, '5000');
    await waitFor(() => expect(params().get('ts.refresh')).toBe('5000'));
    await user.selectOptions(control, '0');
    await waitFor(() => expect(params().get('ts.refresh')).toBeNull());
  });
});
