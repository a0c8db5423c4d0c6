import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong, guarded, LONG_SQL } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

const factsOf = (panel: HTMLElement) =>
  Object.fromEntries(
    [...panel.querySelectorAll('dl.tsp-facts dt')].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]),
  );

describe('the session details', () => {
  it('Enter on a focused row opens them: every value, the full SQL read fresh; Escape closes and focus returns to the row', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    const row = await rowOf(activeLong.id);
    row.focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('dialog', { name: say('details.title', { id: activeLong.id }) });
    expect(factsOf(panel)).toMatchObject({
      'Session ID': activeLong.id,
      User: 'app_rw',
      Source: '10.1.2.3:51234',
      observer: '10.0.0.5:2882',
      OBProxy: '10.0.0.9:2883',
      'Proxy session ID': '12884901890',
      State: 'ACTIVE',
    });
    const sql = await within(panel).findByRole('region', { name: say('details.sql') });
    await waitFor(() => expect(sql.querySelector('pre')?.textContent).toBe(LONG_SQL));
    expect(sidecar.inputs('sessions.sql')).toEqual([
      { clusterId: 'prod-1', tenantId: 'trade', sessionKey: activeLong.key },
    ]);
    await user.click(
      within(panel).getByRole('button', { name: say('details.copyOf', { field: 'Proxy session ID' }) }),
    );
    expect(await navigator.clipboard.readText()).toBe('12884901890');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: say('details.title', { id: activeLong.id }) })).toBeNull();
    expect(row).toHaveFocus();
  });

  it('a click on a row opens them; its close actions go through the usual confirmation', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    await user.click(within(await rowOf(activeLong.id)).getByRole('cell', { name: 'app_rw' }));
    const panel = await screen.findByRole('dialog', { name: say('details.title', { id: activeLong.id }) });
    await user.click(within(panel).getByRole('button', { name: say('actions.closeQuery') }));
    const confirm = await screen.findByRole('dialog', { name: say('confirm.query.title') });
    await user.click(within(confirm).getByRole('button', { name: say('confirm.query.confirm') }));
    await waitFor(() => expect(sidecar.inputs('sessions.killQuery')).toHaveLength(1));
  });

  it('a protected session shows why, and its close actions are off', async () => {
    mockSidecar();
    const { user } = renderTab();
    const row = await rowOf(guarded.id);
    row.focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('dialog', { name: say('details.title', { id: guarded.id }) });
    expect(factsOf(panel)['Protected because']).toBe(guarded.protectedReason);
    expect(within(panel).getByRole('button', { name: say('actions.closeSession') })).toBeDisabled();
  });

  it('View SQL in a row opens its dialog, not the details', async () => {
    mockSidecar();
    const { user } = renderTab();
    await user.click(within(await rowOf(activeLong.id)).getByRole('button', { name: /View SQL/ }));
    await screen.findByRole('dialog', { name: say('sql.title', { id: activeLong.id }) });
    expect(screen.queryByRole('dialog', { name: say('details.title', { id: activeLong.id }) })).toBeNull();
  });
});
