import type { Session } from '@tenant-sessions/contracts';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { activeLong, guarded, pageOf, sleeping } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

// A render counter per session: the Session ID cell renders exactly when its row does.
const renders = vi.hoisted(() => new Map<string, number>());
vi.mock('./cells', async (importOriginal) => {
  const cells = await importOriginal<typeof import('./cells')>();
  return {
    ...cells,
    SessionIdCell: (props: { session: Session }) => {
      renders.set(props.session.id, (renders.get(props.session.id) ?? 0) + 1);
      return cells.SessionIdCell(props);
    },
  };
});

describe('a refresh', () => {
  it('renders again only the rows whose session changed', async () => {
    let refreshes = 0;
    mockSidecar({
      'sessions.list': () => {
        const aged = { ...sleeping, timeSeconds: sleeping.timeSeconds + refreshes };
        refreshes += 1;
        return pageOf([activeLong, aged, guarded]);
      },
    });
    const { user } = renderTab();
    await rowOf(activeLong.id);
    await waitFor(() => expect(screen.getByText('300.0')).toBeInTheDocument());
    const before = new Map(renders);

    await user.click(screen.getByRole('button', { name: say('toolbar.refresh') }));
    expect(await screen.findByText('301.0')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: say('toolbar.refresh') })).toBeEnabled());

    expect(renders.get(sleeping.id)).toBe((before.get(sleeping.id) ?? 0) + 1);
    expect(renders.get(activeLong.id)).toBe(before.get(activeLong.id));
    expect(renders.get(guarded.id)).toBe(before.get(guarded.id));
  });
});
