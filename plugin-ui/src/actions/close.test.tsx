import type { KillInput, Session } from '@tenant-sessions/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TrpcFailure } from '../../demo/trpcHttp';
import { activeLong, pageOf, SESSIONS } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

const answering = (outcome: string, message: string | null) => (input: unknown) => ({
  results: (input as KillInput).sessionKeys.map((sessionKey) => ({ sessionKey, outcome, message })),
});

const EXPECTED_INPUT = {
  clusterId: 'prod-1',
  tenantId: 'trade',
  sessionKeys: [activeLong.key],
  expected: { [activeLong.key]: { user: 'app_rw', source: '10.1.2.3:51234' } },
};

async function askToClose(kind: 'session' | 'query') {
  const view = renderTab();
  const row = await rowOf(activeLong.id);
  if (kind === 'session') {
    await view.user.click(within(row).getByRole('button', { name: say('actions.closeSession') }));
  } else {
    await view.user.click(
      within(row).getByRole('button', { name: say('actions.more', { id: activeLong.id }) }),
    );
    await view.user.click(screen.getByRole('menuitem', { name: say('actions.closeQuery') }));
  }
  const dialog = await screen.findByRole('dialog');
  return { ...view, dialog };
}

describe('closing', () => {
  it('Close Session shows what will be closed, then sends that key and what was seen of it to sessions.kill', async () => {
    const sidecar = mockSidecar();
    const { dialog, user } = await askToClose('session');
    expect(dialog).toHaveAccessibleName(say('confirm.session.title'));
    for (const text of [activeLong.id, 'app_rw', '10.1.2.3:51234', activeLong.sqlPreview ?? '']) {
      expect(within(dialog).getByText(text, { exact: false, normalizer: (s) => s })).toBeInTheDocument();
    }
    expect(within(dialog).getByRole('button', { name: say('confirm.cancel') })).toHaveFocus();
    const listsBefore = sidecar.inputs('sessions.list').length;
    await user.click(within(dialog).getByRole('button', { name: say('confirm.session.confirm') }));
    expect(
      await screen.findByText(`Session ${activeLong.id} (app_rw from 10.1.2.3:51234) was closed.`),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: say('notice.dismiss') })).toHaveFocus();
    expect(sidecar.inputs('sessions.kill')).toEqual([EXPECTED_INPUT]);
    expect(sidecar.inputs('sessions.killQuery')).toEqual([]);
    await waitFor(() => expect(sidecar.inputs('sessions.list').length).toBeGreaterThan(listsBefore));
  });

  it('sends one close for a double click on the confirmation', async () => {
    const sidecar = mockSidecar();
    const { dialog } = await askToClose('session');
    const confirm = within(dialog).getByRole('button', { name: say('confirm.session.confirm') });
    // Two clicks in the same moment, before the pending state has rendered the button disabled.
    fireEvent.click(confirm);
    fireEvent.click(confirm);
    expect(
      await screen.findByText(`Session ${activeLong.id} (app_rw from 10.1.2.3:51234) was closed.`),
    ).toBeInTheDocument();
    expect(sidecar.inputs('sessions.kill')).toEqual([EXPECTED_INPUT]);
  });

  it('Close Current Query, under the More menu, goes to sessions.killQuery', async () => {
    const sidecar = mockSidecar();
    const { dialog, user } = await askToClose('query');
    expect(dialog).toHaveAccessibleName(say('confirm.query.title'));
    await user.click(within(dialog).getByRole('button', { name: say('confirm.query.confirm') }));
    expect(
      await screen.findByText(/current query of session 18446744073709551615 was stopped/),
    ).toBeInTheDocument();
    expect(sidecar.inputs('sessions.killQuery')).toEqual([EXPECTED_INPUT]);
    expect(sidecar.inputs('sessions.kill')).toEqual([]);
  });

  it.each(['session', 'query'] as const)('cancelling a close (%s) sends nothing', async (kind) => {
    const sidecar = mockSidecar();
    const { dialog, user } = await askToClose(kind);
    await user.click(within(dialog).getByRole('button', { name: say('confirm.cancel') }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: say('toolbar.refresh') }));
    await waitFor(() => expect(sidecar.inputs('sessions.list').length).toBeGreaterThan(1));
    expect(sidecar.calls.filter((c) => c.path.startsWith('sessions.kill'))).toEqual([]);
  });

  it('takes the closed session off the refreshed list', async () => {
    let rows: Session[] = SESSIONS;
    mockSidecar({
      'sessions.list': () => pageOf(rows),
      'sessions.kill': (input) => {
        rows = rows.filter((r) => !(input as KillInput).sessionKeys.includes(r.key));
        return answering('killed', null)(input);
      },
    });
    const { dialog, user } = await askToClose('session');
    await user.click(within(dialog).getByRole('button', { name: say('confirm.session.confirm') }));
    await waitFor(() => expect(screen.queryByRole('cell', { name: activeLong.id })).toBeNull());
    expect(screen.getAllByRole('row')).toHaveLength(SESSIONS.length);
  });

  it.each([
    ['not_found', null, `Session ${activeLong.id} was already gone: nothing was closed.`],
    [
      'denied',
      'Access denied; you need (at least one of) the SUPER or CONNECTION_ADMIN privilege(s) for this operation',
      `The database refused to close session ${activeLong.id}: Access denied; you need (at least one of) the SUPER or CONNECTION_ADMIN privilege(s) for this operation.`,
    ],
    [
      'protected',
      'an inner session of OceanBase',
      `Session ${activeLong.id} is protected and was left alone: an inner session of OceanBase.`,
    ],
    [
      'changed',
      'user app_rw became batch',
      /Nothing was closed: id 18446744073709551615 now belongs to another connection/,
    ],
    [
      'error',
      'Lost connection to observer 10.0.0.5:2882',
      `Could not close session ${activeLong.id}: Lost connection to observer 10.0.0.5:2882.`,
    ],
  ])('tells the outcome %s in its words', async (outcome, message, words) => {
    mockSidecar({ 'sessions.kill': answering(outcome, message) });
    const { dialog, user } = await askToClose('session');
    await user.click(within(dialog).getByRole('button', { name: say('confirm.session.confirm') }));
    expect(await screen.findByText(words)).toBeInTheDocument();
  });

  it('shows a 503 from the kill plainly, naming the tenant and the address', async () => {
    mockSidecar({
      'sessions.kill': () => {
        throw new TrpcFailure('TENANT_UNREACHABLE', 'connect ECONNREFUSED 10.0.0.5:2881');
      },
    });
    const { dialog, user } = await askToClose('session');
    await user.click(within(dialog).getByRole('button', { name: say('confirm.session.confirm') }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Tenant trade is unreachable: connect ECONNREFUSED 10.0.0.5:2881',
    );
  });

  it('shows a 403 from the kill plainly, naming the missing right', async () => {
    mockSidecar({
      'sessions.kill': () => {
        throw new TrpcFailure('NO_KILL', 'operator alice has no kill right on prod-1/trade');
      },
    });
    const { dialog, user } = await askToClose('session');
    await user.click(within(dialog).getByRole('button', { name: say('confirm.session.confirm') }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not close sessions on tenant trade (your account lacks the kill right): operator alice has no kill right on prod-1/trade',
    );
  });
});

describe('the list failing', () => {
  it('names the unreachable tenant and its address, and retries', async () => {
    let up = false;
    const sidecar = mockSidecar({
      'sessions.list': () => {
        if (!up) throw new TrpcFailure('TENANT_UNREACHABLE', 'connect ECONNREFUSED 10.0.0.5:2881');
        return pageOf(SESSIONS);
      },
    });
    const { user } = renderTab();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Tenant trade is unreachable');
    expect(alert).toHaveTextContent('connect ECONNREFUSED 10.0.0.5:2881');
    up = true;
    await user.click(within(alert).getByRole('button', { name: say('state.retry') }));
    await rowOf(activeLong.id);
    expect(sidecar.inputs('sessions.list')).toHaveLength(2);
  });

  it('says plainly when the operator may not read the tenant (403)', async () => {
    mockSidecar({
      'sessions.list': () => {
        throw new TrpcFailure('NO_READ', 'no read right on prod-1/trade');
      },
    });
    renderTab();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not view the sessions of tenant trade (your account lacks the read right)',
    );
  });

  it('tells when only the sidecar’s own sessions are visible, and when there are none', async () => {
    mockSidecar({ 'sessions.list': () => ({ ...pageOf([]), visibility: 'own-sessions-only' }) });
    renderTab();
    expect(await screen.findByText(/its database account lacks the PROCESS privilege/)).toBeInTheDocument();
    expect(screen.getByText(say('state.empty'))).toBeInTheDocument();
  });
});
