import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

describe('entry 2: the cluster only', () => {
  it('lists the tenants of the cluster and the table follows the choice', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab({ tenantId: undefined });
    const picker = await screen.findByRole('combobox', { name: say('picker.tenant') });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['trade', 'pay (view only)']);
    expect(sidecar.inputs('tenants.list')).toEqual([{ clusterId: 'prod-1' }]);
    await rowOf(activeLong.id);
    expect(sidecar.lastList()).toMatchObject({ clusterId: 'prod-1', tenantId: 'trade' });
    expect(
      within(await rowOf(activeLong.id)).getByRole('button', { name: say('actions.closeSession') }),
    ).toBeInTheDocument();

    await user.selectOptions(picker, 'pay');
    await waitFor(() =>
      expect(sidecar.lastList()).toMatchObject({ clusterId: 'prod-1', tenantId: 'pay', pageIndex: 0 }),
    );
    expect(
      await screen.findByRole('region', { name: say('tenant.region', { tenant: 'pay' }) }),
    ).toBeInTheDocument();
    expect(
      within(await rowOf(activeLong.id)).queryByRole('button', { name: say('actions.closeSession') }),
    ).toBeNull();
  });

  it('says so when the cluster has no tenant the operator may read', async () => {
    mockSidecar({ 'tenants.list': () => [] });
    renderTab({ tenantId: undefined });
    expect(
      await screen.findByText('Cluster prod-1 has no tenant whose sessions you may view.'),
    ).toBeInTheDocument();
  });
});
