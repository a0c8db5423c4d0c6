import type { AuditListInput } from '@tenant-sessions/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TrpcFailure } from '../../demo/trpcHttp';
import { AUDIT, activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

const panel = () => screen.getByRole('region', { name: say('audit.region', { tenant: 'trade' }) });
const toggle = () => within(panel()).getByRole('button', { name: /Recent closes/ });

describe('the Recent closes panel', () => {
  it('starts collapsed and reads nothing until opened', async () => {
    const sidecar = mockSidecar();
    renderTab();
    await rowOf(activeLong.id);
    expect(toggle()).toHaveAttribute('aria-expanded', 'false');
    expect(within(panel()).queryByRole('table')).toBeNull();
    expect(sidecar.inputs('audit.list')).toEqual([]);
  });

  it("opens on the tenant's closes, newest first: who, what, which session, and the outcome with its reason", async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    await rowOf(activeLong.id);
    await user.click(toggle());
    expect(toggle()).toHaveAttribute('aria-expanded', 'true');
    const table = await within(panel()).findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('alice');
    expect(rows[0]).toHaveTextContent('Close Current Query');
    expect(rows[0]).toHaveTextContent(activeLong.id);
    expect(rows[0]).toHaveTextContent('killed');
    expect(rows[1]).toHaveTextContent('bob');
    expect(rows[1]).toHaveTextContent('Close Session');
    expect(rows[1]).toHaveTextContent('denied');
    expect(rows[1]).toHaveTextContent('grant it CONNECTION ADMIN');
    expect(toggle()).toHaveTextContent('Recent closes (2)');
    expect(sidecar.inputs<AuditListInput>('audit.list').at(-1)).toEqual({
      clusterId: 'prod-1',
      tenantId: 'trade',
      pageIndex: 0,
      pageSize: 10,
    });
  });

  it('filters by outcome', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    await rowOf(activeLong.id);
    await user.click(toggle());
    await within(panel()).findByRole('table');
    await user.selectOptions(within(panel()).getByRole('combobox', { name: say('audit.outcome') }), 'denied');
    await waitFor(() => expect(within(panel()).getAllByRole('row')).toHaveLength(2));
    expect(sidecar.inputs<AuditListInput>('audit.list').at(-1)).toMatchObject({
      outcome: 'denied',
      pageIndex: 0,
    });
    expect(within(panel()).getByRole('table')).not.toHaveTextContent('alice');
  });

  it('refreshes after a close', async () => {
    const sidecar = mockSidecar();
    const { user } = renderTab();
    const row = await rowOf(activeLong.id);
    await user.click(toggle());
    await within(panel()).findByRole('table');
    const before = sidecar.inputs('audit.list').length;
    await user.click(within(row).getByRole('button', { name: say('actions.closeSession') }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: say('confirm.session.confirm') }));
    await screen.findByText(/was closed/);
    await waitFor(() => expect(sidecar.inputs('audit.list').length).toBeGreaterThan(before));
  });

  it('says so when the audit cannot be read', async () => {
    mockSidecar({
      'audit.list': () => {
        throw new TrpcFailure('AUDIT_UNAVAILABLE', 'ask the administrator');
      },
    });
    const { user } = renderTab();
    await rowOf(activeLong.id);
    await user.click(toggle());
    expect(await within(panel()).findByRole('alert')).toHaveTextContent(
      'The audit cannot be read now: ask the administrator',
    );
  });

  it('says when nothing was closed yet', async () => {
    mockSidecar({ 'audit.list': () => ({ rows: [], total: 0 }) });
    const { user } = renderTab();
    await rowOf(activeLong.id);
    await user.click(toggle());
    expect(await within(panel()).findByText(say('audit.none'))).toBeInTheDocument();
    expect(within(panel()).getByRole('button', { name: say('audit.older') })).toBeDisabled();
    expect(within(panel()).getByRole('button', { name: say('audit.newer') })).toBeDisabled();
  });

  it('pages to older closes and back', async () => {
    const sidecar = mockSidecar({
      'audit.list': (input) => {
        const { pageIndex = 0 } = input as AuditListInput;
        return { rows: [AUDIT[pageIndex % 2]], total: 25 };
      },
    });
    const { user } = renderTab();
    await rowOf(activeLong.id);
    await user.click(toggle());
    expect(await within(panel()).findByText('Page 1 of 3')).toBeInTheDocument();
    await user.click(within(panel()).getByRole('button', { name: say('audit.older') }));
    expect(await within(panel()).findByText('Page 2 of 3')).toBeInTheDocument();
    expect(await within(panel()).findByText('bob')).toBeInTheDocument();
    expect(sidecar.inputs<AuditListInput>('audit.list').at(-1)).toMatchObject({ pageIndex: 1, pageSize: 10 });
    await user.click(within(panel()).getByRole('button', { name: say('audit.newer') }));
    expect(await within(panel()).findByText('alice')).toBeInTheDocument();
  });
});
