import { listInput, listPage, type Session, type SessionPage } from '@tenant-sessions/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { demoSessions } from '../../demo/fixtures';
import { pageOf } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { mockSidecar } from '../test/sidecar';

/**
 * The demo's trade tenant, cut to its lock chain and a few others (so all fit on one page): holder
 * 3221495001 (sleeping, in a transaction 612 s) blocks 3.
 */
const DEMO: Session[] = demoSessions('trade', Date.parse('2026-11-24T02:30:00Z')).map(
  ({ startedAt: _s, sql: _q, killAnswer: _k, ...session }) => session,
);
const locked = (s: Session) => s.blocking > 0 || s.blockedBy.length > 0 || s.transactionSeconds !== null;
const SESSIONS = [...DEMO.filter(locked), ...DEMO.filter((s) => !locked(s)).slice(0, 4)];
const HOLDER = '3221495001';
const FIRST = '3221495002';
const SECOND = '3221495003';
const THIRD = '3221495004';

/** A sidecar listing the demo sessions by the contract's own rules (filters, blockers, sort, paging). */
function lockSidecar(locks?: SessionPage['locks']) {
  return mockSidecar({
    'sessions.list': (input) => {
      const { rows, total } = listPage(SESSIONS, listInput.parse(input));
      return { ...pageOf(rows, total), ...(locks && { locks }) };
    },
  });
}

/** The row of a session by its id cell (the Blocked by cells name other sessions' ids too). */
async function rowOf(id: string): Promise<HTMLElement> {
  const cells = await screen.findAllByRole('cell', { name: new RegExp(`^${id}`) });
  // The id column's cell: after the selection box, which has no text.
  const first = cells.find((cell) => (cell.previousElementSibling?.textContent ?? '') === '');
  expect(first, id).toBeDefined();
  return first?.closest('tr') as HTMLElement;
}

const cellOf = (row: HTMLElement, column: string) => {
  const headers = screen
    .getAllByRole('columnheader')
    .map((th) => th.textContent?.replace(/[▲▼↕]/g, '').trim());
  const index = headers.indexOf(column);
  expect(index, column).toBeGreaterThanOrEqual(0);
  return within(row).getAllByRole('cell')[index] as HTMLElement;
};

describe('sessions and locks in the tab', () => {
  it('shows the transaction age, who a session waits on and how many wait on it', async () => {
    lockSidecar();
    renderTab();
    const holder = await rowOf(HOLDER);
    expect(cellOf(holder, say('column.transactionSeconds'))).toHaveTextContent('612.4');
    expect(cellOf(holder, say('column.blocking'))).toHaveTextContent(`3${say('locks.chain')}`);
    expect(cellOf(holder, say('column.blockedBy'))).toHaveTextContent('—');
    // Sleeping with an open transaction reads so in words, beside the status.
    expect(cellOf(holder, say('column.status'))).toHaveTextContent(
      `SLEEP · ${say('locks.inTransaction', { seconds: '612' })}`,
    );
    const third = await rowOf(THIRD);
    expect(cellOf(third, say('column.blockedBy'))).toHaveTextContent(FIRST);
    expect(cellOf(third, say('column.blocking'))).toHaveTextContent('—');
    expect(cellOf(third, say('column.status'))).toHaveTextContent(/^ACTIVE$/);
    // An idle session without a transaction has no tag.
    const idle = SESSIONS.find((s) => s.status === 'SLEEP' && s.transactionSeconds === null) as Session;
    expect(cellOf(await rowOf(idle.id), say('column.status'))).toHaveTextContent(/^SLEEP$/);
    expect(cellOf(await rowOf(idle.id), say('column.transactionSeconds'))).toHaveTextContent('—');
  });

  it('sorts by the transaction age, longest first', async () => {
    const sidecar = lockSidecar();
    const { user } = renderTab();
    await rowOf(HOLDER);
    await user.click(screen.getByRole('button', { name: say('column.transactionSeconds') }));
    await waitFor(() =>
      expect(sidecar.lastList()?.sort).toEqual({ column: 'transactionSeconds', direction: 'desc' }),
    );
    await waitFor(() => expect(screen.getAllByRole('row')[1]).toHaveTextContent(new RegExp(`^${HOLDER}`)));
  });

  it('a Blocked by link filters the list to the session holding the lock', async () => {
    const sidecar = lockSidecar();
    const { user } = renderTab();
    const third = await rowOf(THIRD);
    await user.click(within(third).getByRole('button', { name: say('locks.showBlocker', { id: FIRST }) }));
    await waitFor(() => expect(sidecar.lastList()?.sessionId).toBe(FIRST));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(await rowOf(FIRST)).toBeInTheDocument();
    const chips = screen.getByRole('list', { name: say('search.chips') });
    expect(chips).toHaveTextContent(say('search.chip', { column: say('column.id'), value: FIRST }));
  });

  it('says "not available" and why, never 0 or none, when the page has no lock reading', async () => {
    const reason = 'This account may not read the lock tables: it needs PROCESS';
    lockSidecar({ available: false, reason });
    renderTab();
    const holder = await rowOf(HOLDER);
    for (const column of ['column.transactionSeconds', 'column.blockedBy', 'column.blocking'] as const) {
      const cell = cellOf(holder, say(column));
      expect(cell).toHaveTextContent(say('locks.notAvailable'));
      expect(cell).not.toHaveTextContent('—');
      expect(within(cell).getByTitle(say('locks.notAvailableWhy', { reason }))).toBeInTheDocument();
    }
    expect(cellOf(holder, say('column.status'))).toHaveTextContent(/^SLEEP$/);
    const filter = screen.getByRole('checkbox', { name: say('locks.filter') });
    expect(filter).toBeDisabled();
    expect(filter.closest('label')).toHaveAttribute('title', say('locks.filterOff', { reason }));
  });

  it('the Blockers filter lists only sessions that block others, most blocking first', async () => {
    const sidecar = lockSidecar();
    const { user } = renderTab();
    await rowOf(HOLDER);
    await user.click(screen.getByRole('checkbox', { name: say('locks.filter') }));
    await waitFor(() => expect(sidecar.lastList()?.blockers).toBe(true));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    const [, first, second] = screen.getAllByRole('row');
    expect(first).toHaveTextContent(new RegExp(`^${HOLDER}`));
    expect(second).toHaveTextContent(new RegExp(`^${FIRST}`));
    expect(screen.queryByRole('cell', { name: new RegExp(`^${THIRD}`) })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: say('locks.filter') }));
    await waitFor(() => expect(sidecar.lastList()?.blockers).toBeUndefined());
  });

  it('shows a blocker’s chain on demand, reading the waiters off the filtered page', async () => {
    const sidecar = lockSidecar();
    const { user } = renderTab();
    await rowOf(HOLDER);
    await user.click(screen.getByRole('checkbox', { name: say('locks.filter') }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: say('locks.chainOf', { id: HOLDER }) }));
    const region = await screen.findByRole('region', { name: say('locks.chainRegion', { id: HOLDER }) });
    const paths = await within(region).findAllByRole('listitem');
    expect(paths.map((p) => p.textContent)).toEqual([
      `${HOLDER} → ${FIRST} → ${THIRD}`,
      `${HOLDER} → ${SECOND}`,
    ]);
    expect(sidecar.inputs<{ pageSize: number; blockers?: boolean }>('sessions.list')).toContainEqual(
      expect.objectContaining({ pageSize: 1000, sort: { column: 'blocking', direction: 'desc' } }),
    );
    // A session of the chain is a link to it (off the Blockers filter, which would hide it).
    await user.click(within(region).getByRole('button', { name: THIRD }));
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ sessionId: THIRD }));
    expect(sidecar.lastList()?.blockers).toBeUndefined();
    await user.click(within(region).getByRole('button', { name: say('locks.chainClose') }));
    expect(screen.queryByRole('region', { name: say('locks.chainRegion', { id: HOLDER }) })).toBeNull();
  });

  it('closing a blocker says how many it should release and that its transaction rolls back', async () => {
    lockSidecar();
    const { user } = renderTab();
    await user.click(within(await rowOf(HOLDER)).getByRole('button', { name: say('actions.closeSession') }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(say('locks.releaseSession', { count: 3 }));
    await user.click(within(dialog).getByRole('button', { name: say('confirm.cancel') }));

    // Closing only the query of a blocker leaves its transaction: the dialog says they stay blocked.
    await user.click(
      within(await rowOf(FIRST)).getByRole('button', { name: say('actions.more', { id: FIRST }) }),
    );
    await user.click(screen.getByRole('menuitem', { name: say('actions.closeQuery') }));
    const query = await screen.findByRole('dialog');
    expect(query).toHaveTextContent(say('locks.releaseQuery', { count: 1 }));
    await user.click(within(query).getByRole('button', { name: say('confirm.cancel') }));

    // A session nobody waits on: no such words.
    await user.click(within(await rowOf(THIRD)).getByRole('button', { name: say('actions.closeSession') }));
    const plain = await screen.findByRole('dialog');
    expect(plain).not.toHaveTextContent(say('locks.releaseSession', { count: 0 }).slice(0, 20));
  });

  it('speaks Chinese with the console’s terms', async () => {
    lockSidecar();
    renderTab({ locale: 'zh-CN' });
    await rowOf(HOLDER);
    for (const key of ['column.transactionSeconds', 'column.blockedBy', 'column.blocking'] as const) {
      expect(
        screen.getByRole('columnheader', {
          name: new RegExp(say(key, {}, 'zh-CN').replace(/[()（）]/g, '.')),
        }),
      ).toBeInTheDocument();
    }
    expect(screen.getByRole('checkbox', { name: say('locks.filter', {}, 'zh-CN') })).toBeInTheDocument();
  });
});
