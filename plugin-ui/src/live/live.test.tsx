import type { Session, SessionPage } from '@tenant-sessions/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { activeLong, guarded, pageOf, SESSIONS, sleeping } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';
import { mockWatch } from '../test/watch';
import { STORAGE_KEY } from './settings';

const newcomer: Session = {
  ...sleeping,
  key: '10.0.0.6:2882#4242',
  id: '4242',
  user: 'newcomer',
  timeSeconds: 1,
};

/** A page as the stream pushes it, `seconds` after the list's snapshot. */
const pushed = (rows: Session[], seconds: number): SessionPage => ({
  ...pageOf(rows, 120),
  capturedAt: new Date(Date.parse('2026-11-24T02:30:00.000Z') + seconds * 1000).toISOString(),
});

const control = () => screen.getByRole('combobox', { name: say('live.interval') });
const table = () => screen.getByRole('table');

beforeEach(() => localStorage.clear());

describe('the refresh control', () => {
  it('starts at 3 s, opens a stream with the token in its header, and is remembered per browser', async () => {
    mockSidecar();
    const watch = mockWatch();
    const { user, unmount } = renderTab({ refreshIntervalMs: undefined });
    await rowOf(activeLong.id);
    expect(control()).toHaveValue('3000');
    await waitFor(() => expect(watch.open()).toHaveLength(1));
    const stream = watch.streams[0];
    expect(stream?.authorization).toBe('Bearer token-1');
    expect(stream?.input).toMatchObject({ clusterId: 'prod-1', tenantId: 'trade', intervalMs: 3000 });
    expect(JSON.stringify(stream?.input)).not.toContain('token-1');

    await user.selectOptions(control(), say('live.seconds', { seconds: 1 }));
    await waitFor(() => expect(watch.open().map((s) => s.input.intervalMs)).toEqual([1000]));
    expect(localStorage.getItem(STORAGE_KEY)).toBe('1000');
    unmount();

    // Another mount in this browser starts where the operator left it, whatever the host's default.
    renderTab({ refreshIntervalMs: 15_000 });
    await rowOf(activeLong.id);
    expect(control()).toHaveValue('1000');
  });

  it('is off when the host says 0, and Off closes the stream', async () => {
    mockSidecar();
    const watch = mockWatch();
    const { user, unmount } = renderTab({ refreshIntervalMs: 0 });
    await rowOf(activeLong.id);
    expect(control()).toHaveValue('0');
    unmount();
    expect(watch.streams).toHaveLength(0);

    renderTab({ refreshIntervalMs: 5000 });
    await waitFor(() => expect(watch.open()).toHaveLength(1));
    await user.selectOptions(control(), say('live.off'));
    await waitFor(() => expect(watch.open()).toHaveLength(0));
    expect(screen.queryByText(say('live.on'))).not.toBeInTheDocument();
  });
});

describe('a live tab', () => {
  it('follows the stream without a click: new sessions appear marked, gone ones leave, the time moves', async () => {
    mockSidecar();
    const watch = mockWatch();
    renderTab({ refreshIntervalMs: 3000 });
    await rowOf(activeLong.id);
    await waitFor(() => expect(watch.open()).toHaveLength(1));

    watch.push(pushed([{ ...activeLong, timeSeconds: 15.34 }, newcomer, guarded], 3));
    expect(await rowOf(newcomer.id)).toHaveClass('tsp-live-changed');
    expect(screen.queryByRole('cell', { name: new RegExp(`^${sleeping.id}`) })).not.toBeInTheDocument();
    // A row whose time alone advanced is not marked.
    expect(await rowOf(activeLong.id)).not.toHaveClass('tsp-live-changed');
    expect(within(await rowOf(activeLong.id)).getByText(/15\.3/)).toBeInTheDocument();
    expect(screen.getByText(say('live.on'))).toBeInTheDocument();
    // The mark is for a moment.
    await waitFor(async () => expect(await rowOf(newcomer.id)).not.toHaveClass('tsp-live-changed'), {
      timeout: 4000,
    });
  });

  it('holds still while the pointer is over the table, counts what waits, and shows it after', async () => {
    mockSidecar();
    const watch = mockWatch();
    const { user } = renderTab({ refreshIntervalMs: 3000 });
    await rowOf(activeLong.id);
    await waitFor(() => expect(watch.open()).toHaveLength(1));

    await user.hover(table());
    watch.push(pushed([activeLong, newcomer, guarded], 3));
    // newcomer in, sleeping out: two rows differ.
    expect(await screen.findByText(say('live.paused', { count: 2 }))).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: /^4242/ })).not.toBeInTheDocument();
    expect(await rowOf(sleeping.id)).toBeInTheDocument();

    await user.unhover(table());
    expect(await rowOf(newcomer.id)).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('cell', { name: new RegExp(`^${sleeping.id}`) })).not.toBeInTheDocument(),
    );
    expect(screen.queryByText(say('live.paused', { count: 2 }))).not.toBeInTheDocument();
  });

  it('Resume shows what waits while the hold lasts; focus in a search box holds too', async () => {
    mockSidecar();
    const watch = mockWatch();
    const { user } = renderTab({ refreshIntervalMs: 3000 });
    await rowOf(activeLong.id);
    await waitFor(() => expect(watch.open()).toHaveLength(1));

    await user.click(
      screen.getByRole('button', { name: say('search.open', { column: say('column.user') }) }),
    );
    await user.unhover(table());
    expect(screen.getByRole('textbox')).toHaveFocus();
    watch.push(pushed([...SESSIONS, newcomer], 3));
    await user.click(await screen.findByRole('button', { name: say('live.resume') }));
    expect(await rowOf(newcomer.id)).toBeInTheDocument();
  });

  it('marks long-running ACTIVE sessions past the two thresholds, in words as well as colour', async () => {
    mockSidecar({
      'sessions.list': () =>
        pageOf([
          { ...activeLong, timeSeconds: 12 },
          { ...guarded, timeSeconds: 75 },
          { ...sleeping, timeSeconds: 300 },
        ]),
    });
    renderTab({ refreshIntervalMs: 0 });
    const warn = say('live.long.warn', { seconds: 10 });
    const alert = say('live.long.alert', { seconds: 60 });
    expect(within(await rowOf(activeLong.id)).getByRole('img', { name: warn })).toBeInTheDocument();
    expect(within(await rowOf(guarded.id)).getByRole('img', { name: alert })).toBeInTheDocument();
    expect(within(await rowOf(sleeping.id)).queryByRole('img')).not.toBeInTheDocument();
  });

  it('takes its thresholds from the host', async () => {
    mockSidecar({ 'sessions.list': () => pageOf([{ ...activeLong, timeSeconds: 12 }]) });
    renderTab({ refreshIntervalMs: 0, longRunningWarnSeconds: 5, longRunningAlertSeconds: 11 });
    const row = await rowOf(activeLong.id);
    expect(
      within(row).getByRole('img', { name: say('live.long.alert', { seconds: 11 }) }),
    ).toBeInTheDocument();
  });

  it('keeps the last rows, marked stale, while the tenant is unreachable, and retries', async () => {
    mockSidecar();
    const watch = mockWatch();
    renderTab({ refreshIntervalMs: 3000 });
    await rowOf(activeLong.id);
    await waitFor(() => expect(watch.open()).toHaveLength(1));

    watch.fail('TENANT_UNREACHABLE', 'connect ECONNREFUSED 10.0.0.5:2881');
    const trouble = await screen.findByRole('alert');
    expect(trouble).toHaveTextContent(/ECONNREFUSED 10\.0\.0\.5:2881/);
    expect(trouble).toHaveTextContent(say('live.stale', { time: '@' }).split('@')[0] ?? '');
    expect(await rowOf(activeLong.id)).toBeInTheDocument();
    expect(table().closest('.tsp-live-area')).toHaveClass('tsp-live-stale');

    // The retry opens a new stream; its first page ends the trouble.
    await waitFor(() => expect(watch.open()).toHaveLength(1), { timeout: 5000 });
    expect(watch.streams).toHaveLength(2);
    watch.push(pushed([...SESSIONS, newcomer], 5));
    expect(await rowOf(newcomer.id)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(table().closest('.tsp-live-area')).not.toHaveClass('tsp-live-stale');
  });

  it('resubscribes with a fresh token when the stream ends for an expired one', async () => {
    mockSidecar();
    const watch = mockWatch();
    let token = 'token-1';
    renderTab({ refreshIntervalMs: 3000, getAuthToken: () => token });
    await waitFor(() => expect(watch.open()).toHaveLength(1));
    token = 'token-2';
    watch.fail('UNAUTHENTICATED', 'the token has expired');
    await waitFor(() => expect(watch.open()).toHaveLength(1), { timeout: 5000 });
    expect(watch.streams.map((s) => s.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('falls back to reading the list on the interval where no event stream passes', async () => {
    let reads = 0;
    mockSidecar({
      'sessions.list': () => {
        reads += 1;
        return reads > 1 ? pushed([...SESSIONS, newcomer], reads) : pageOf(SESSIONS, 120);
      },
    });
    mockWatch({ refuse: 404 });
    renderTab({ refreshIntervalMs: 1000 });
    await rowOf(activeLong.id);
    expect(await screen.findByText(say('live.polling'), {}, { timeout: 8000 })).toBeInTheDocument();
    expect(await rowOf(newcomer.id)).toBeInTheDocument();
    await waitFor(() => expect(reads).toBeGreaterThanOrEqual(3), { timeout: 5000 });
  });

  it('stops the stream while the browser tab is hidden', async () => {
    mockSidecar();
    const watch = mockWatch();
    renderTab({ refreshIntervalMs: 3000 });
    await waitFor(() => expect(watch.open()).toHaveLength(1));
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    try {
      await waitFor(() => expect(watch.open()).toHaveLength(0));
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      if (visibility) document.dispatchEvent(new Event('visibilitychange'));
    }
    await waitFor(() => expect(watch.open()).toHaveLength(1));
  });
});
