import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { demoHandlers } from '../../demo/handlers';
import { DemoStore } from '../../demo/store';
import { Root } from '../Root';
import { say } from '../test/i18n';
import { server } from '../test/server';

// The demo (MSW over the demo's store, the sidecar's contract functions) does what the sidecar
// does: these run the tab against it, as an operator would.
const trade = { clusterId: 'prod-1', tenantId: 'trade' };

async function demoTab(rights: string[] = ['read', 'kill']) {
  const store = new DemoStore();
  server.use(...demoHandlers(store));
  const answer = await fetch(`${location.origin}/portal/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operator: 'alice', rights }),
  });
  const { token } = (await answer.json()) as { token: string };
  const user = userEvent.setup();
  render(
    <Root
      clusterId="prod-1"
      tenantId="trade"
      apiUrl={`${location.origin}/trpc`}
      getAuthToken={() => token}
    />,
  );
  await screen.findAllByRole('checkbox', { name: /^Select session / });
  return { store, user };
}

const closableIds = (store: DemoStore) =>
  store
    .list({
      ...trade,
      activeOnly: false,
      sort: { column: 'timeSeconds', direction: 'desc' },
      pageIndex: 0,
      pageSize: 1000,
    })
    .rows.filter((s) => !s.protected)
    .map((s) => s.id);

const allIds = (store: DemoStore) =>
  store
    .list({
      ...trade,
      activeOnly: false,
      sort: { column: 'id', direction: 'asc' },
      pageIndex: 0,
      pageSize: 1000,
    })
    .rows.map((s) => s.id);

describe('closing many at once, on the demo', () => {
  it('selects three sessions, confirms the preview, closes them under one call id', async () => {
    const { store, user } = await demoTab();
    const victims = closableIds(store).slice(0, 3);
    for (const id of victims)
      await user.click(screen.getByRole('checkbox', { name: say('bulk.select', { id }) }));
    expect(screen.getByText(say('bulk.selected', { count: 3 }), { exact: false })).toBeInTheDocument();
    const bar = screen.getByRole('toolbar', { name: say('bulk.bar') });
    await user.click(within(bar).getByRole('button', { name: say('bulk.closeSessions') }));
    const dialog = await screen.findByRole('dialog');
    for (const id of victims) expect(within(dialog).getByRole('cell', { name: id })).toBeInTheDocument();
    expect(within(dialog).getByText(say('bulk.effect.session'))).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: say('bulk.confirm.session', { count: 3 }) }));
    const report = await screen.findByRole('dialog', { name: say('bulk.report.title') });
    expect(within(report).getByText(say('bulk.report.allClosed'))).toBeInTheDocument();
    const left = new Set(allIds(store));
    for (const id of victims) expect(left.has(id)).toBe(false);
    const audit = store
      .audit({ ...trade, pageIndex: 0, pageSize: 20 })
      .rows.filter((r) => victims.includes(r.sessionId));
    expect(audit).toHaveLength(3);
    expect(new Set(audit.map((r) => r.callId)).size).toBe(1);
    expect(audit[0]?.callId).toBeTruthy();
  });

  it('cannot select a protected row, and says why', async () => {
    const { store } = await demoTab();
    const guarded = store
      .list({
        ...trade,
        activeOnly: false,
        sort: { column: 'id', direction: 'asc' },
        pageIndex: 0,
        pageSize: 1000,
      })
      .rows.find((s) => s.protected);
    const box = await screen.findByRole('checkbox', { name: say('bulk.select', { id: guarded?.id ?? '' }) });
    expect(box).toBeDisabled();
    expect(box).toHaveAccessibleDescription(guarded?.protectedReason ?? '');
  });

  it('gives an operator without the kill right no box to tick and no bulk close', async () => {
    await demoTab(['read']);
    for (const box of screen.getAllByRole('checkbox', { name: /^Select session / }))
      expect(box).toBeDisabled();
    expect(screen.queryByRole('button', { name: say('bulk.closeMatching') })).toBeNull();
  });

  it('closes all matching by filter: the preview, the count typed, calls of at most 100, the filter recorded', async () => {
    const { store, user } = await demoTab();
    const closable = closableIds(store);
    expect(closable.length).toBeGreaterThan(100);
    await user.click(screen.getByRole('button', { name: say('bulk.closeMatching') }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', {
      name: say('bulk.confirm.session', { count: closable.length }),
    });
    expect(confirm).toBeDisabled();
    expect(
      within(dialog).getByText(
        say('bulk.skippedProtected', { count: allIds(store).length - closable.length }),
      ),
    ).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox'), String(closable.length));
    await user.click(confirm);
    const report = await screen.findByRole('dialog', { name: say('bulk.report.title') });
    const audit = store.audit({ ...trade, pageIndex: 0, pageSize: 200 }).rows;
    expect(audit).toHaveLength(closable.length);
    const killed = audit.filter((r) => r.outcome === 'killed').length;
    expect(
      within(report).getByText(
        say('bulk.report.outcome', { outcome: say('bulk.outcome.killed'), count: killed }),
      ),
    ).toBeInTheDocument();
    // Every session not closed is listed with its reason.
    const notClosed = audit.filter((r) => r.outcome !== 'killed');
    if (notClosed.length > 0) {
      const list = within(report).getByRole('region', { name: say('bulk.report.notClosed') });
      expect(within(list).getAllByRole('listitem')).toHaveLength(notClosed.length);
    }
    const calls = new Set(audit.map((r) => r.callId));
    expect(calls.size).toBe(Math.ceil(closable.length / 100));
    for (const r of audit) expect(r.filter).toEqual({ activeOnly: false });
  });

  it('Cancel midway stops further calls and reports exactly what was sent', async () => {
    const { store, user } = await demoTab();
    const closable = closableIds(store);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let kills = 0;
    // The first call waits until Cancel was clicked; it is answered, and no further call is sent.
    server.use(
      http.post(/\/trpc\/sessions\.kill/, async () => {
        kills += 1;
        if (kills === 1) await held;
      }),
    );
    await user.click(screen.getByRole('button', { name: say('bulk.closeMatching') }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox'), String(closable.length));
    await user.click(
      within(dialog).getByRole('button', { name: say('bulk.confirm.session', { count: closable.length }) }),
    );
    await within(dialog).findByText(say('bulk.progress', { done: 0, total: closable.length }));
    await user.click(within(dialog).getByRole('button', { name: say('bulk.cancel') }));
    release();
    const report = await screen.findByRole('dialog', { name: say('bulk.report.title') });
    expect(kills).toBe(1);
    expect(
      within(report).getByText(
        say('bulk.report.cancelled', { sent: 100, total: closable.length, left: closable.length - 100 }),
      ),
    ).toBeInTheDocument();
    // Exactly the first call's sessions had a close sent; the rest are all still there.
    const audit = store.audit({ ...trade, pageIndex: 0, pageSize: 200 }).rows;
    expect(audit).toHaveLength(100);
    const left = new Set(allIds(store));
    await waitFor(() => expect(closable.slice(100).every((id) => left.has(id))).toBe(true));
  });
});
