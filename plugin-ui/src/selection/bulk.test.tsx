import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { demoHandlers } from '../../demo/handlers';
import { DemoStore } from '../../demo/store';
import { Root } from '../Root';
import { activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { server } from '../test/server';
import { mockSidecar } from '../test/sidecar';

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
    await user.click(await screen.findByRole('button', { name: say('bulk.closeMatching') }));
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
    // 350 previewed sessions: four calls, one after the other. The first is held until Cancel was
    // clicked; it is answered and reported, and the other three are never sent.
    const previewed = Array.from({ length: 350 }, (_, i) => ({
      ...activeLong,
      key: `10.0.0.5:2882#${5000 + i}`,
      id: String(5000 + i),
    }));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sidecar = mockSidecar({
      'sessions.preview': () => ({
        capturedAt: '2026-11-24T02:30:00.000Z',
        matched: 351,
        sessions: previewed,
        expected: Object.fromEntries(previewed.map((s) => [s.key, { user: s.user, source: s.source }])),
        skipped: { protected: 1, beyondLimit: 0 },
      }),
      'sessions.kill': async (input) => {
        await held;
        const { sessionKeys } = input as { sessionKeys: string[] };
        return {
          callId: `call-${sessionKeys[0]}`,
          results: sessionKeys.map((sessionKey) => ({
            sessionKey,
            outcome: 'killed',
            message: null,
            code: 'killed',
            params: {},
          })),
        };
      },
    });
    const { user } = renderTab();
    await user.click(await screen.findByRole('button', { name: say('bulk.closeMatching') }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(say('bulk.skippedProtected', { count: 1 }))).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox'), '350');
    await user.click(
      within(dialog).getByRole('button', { name: say('bulk.confirm.session', { count: 350 }) }),
    );
    await within(dialog).findByText(say('bulk.progress', { done: 0, total: 350 }));
    await waitFor(() => expect(sidecar.inputs('sessions.kill')).toHaveLength(1));
    await user.click(within(dialog).getByRole('button', { name: say('bulk.cancel') }));
    release();
    const report = await screen.findByRole('dialog', { name: say('bulk.report.title') });
    expect(
      within(report).getByText(say('bulk.report.cancelled', { sent: 100, total: 350, left: 250 })),
    ).toBeInTheDocument();
    const sent = sidecar.inputs<{ sessionKeys: string[]; filter?: unknown }>('sessions.kill');
    expect(sent).toHaveLength(1);
    expect(sent.flatMap((c) => c.sessionKeys)).toEqual(previewed.slice(0, 100).map((s) => s.key));
    for (const call of sent) expect(call.filter).toEqual({ activeOnly: false });
  });
});
