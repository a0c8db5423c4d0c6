import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { aSession, statsSidecar } from '../test/statsSidecar';

const SESSIONS = [
  aSession('3221487617', { user: 'app', sql: 'SELECT * FROM orders WHERE id = 7' }, 'oceanbase'),
  aSession('42', { user: 'app', sqlId: 'ABCDEF0123', sql: 'UPDATE stock SET n = n - 1' }, 'oceanbase'),
];

const headers = () =>
  screen.getAllByRole('columnheader').map((th) => th.textContent?.replace(/[▲▼↕]/g, '').trim());

describe('the Session ID, SQL and SQL ID searches', () => {
  it('send sessionId (digits only), sql (contained) and sqlId (exact), each as a chip', async () => {
    const sidecar = statsSidecar(SESSIONS, 'oceanbase');
    const { user } = renderTab();
    await screen.findByRole('cell', { name: '42' });

    await user.click(screen.getByRole('button', { name: say('search.open', { column: 'Session ID' }) }));
    const id = screen.getByRole('textbox', { name: say('search.contains', { column: 'Session ID' }) });
    await user.type(id, '12a');
    expect(id).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent(say('stats.digitsOnly'));
    expect(screen.getByRole('button', { name: say('search.apply') })).toBeDisabled();
    await user.clear(id);
    await user.type(id, '2148{Enter}');
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ sessionId: '2148', pageIndex: 0 }));
    await waitFor(() => expect(screen.queryByRole('cell', { name: '42' })).toBeNull());
    expect(sidecar.calls.some((c) => (c.input as { sessionId?: string })?.sessionId === '12a')).toBe(false);
    await user.click(screen.getByRole('button', { name: say('search.chipClear', { column: 'Session ID' }) }));

    await user.click(screen.getByRole('button', { name: say('search.open', { column: 'SQL' }) }));
    await user.type(
      screen.getByRole('textbox', { name: say('search.contains', { column: 'SQL' }) }),
      'stock{Enter}',
    );
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ sql: 'stock' }));
    expect(screen.getByRole('list', { name: say('search.chips') })).toHaveTextContent('SQL contains “stock”');
    await user.click(screen.getByRole('button', { name: say('search.chipClear', { column: 'SQL' }) }));

    await user.click(screen.getByRole('button', { name: say('search.open', { column: 'SQL ID' }) }));
    await user.type(
      screen.getByRole('textbox', { name: say('stats.equals', { column: 'SQL ID' }) }),
      'abcdef0123{Enter}',
    );
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ sqlId: 'abcdef0123' }));
    expect(screen.getByRole('list', { name: say('search.chips') })).toHaveTextContent(
      'SQL ID is “abcdef0123”',
    );
    await waitFor(() => expect(screen.queryByRole('cell', { name: '3221487617' })).toBeNull());
    expect(screen.getByRole('cell', { name: '42' })).toBeInTheDocument();
  });

  it('show the SQL ID column after SQL on OceanBase, not on servers without SQL IDs', async () => {
    statsSidecar(SESSIONS, 'oceanbase');
    const ob = renderTab();
    await screen.findByRole('cell', { name: '42' });
    expect(headers().slice(1, 4)).toEqual(['Session ID', 'SQL', 'SQL ID']);
    expect(screen.getByRole('cell', { name: 'ABCDEF0123' })).toBeInTheDocument();
    ob.unmount();

    statsSidecar([aSession('7', { user: 'app', sql: 'SELECT 1' })], 'mariadb');
    renderTab();
    await screen.findByRole('cell', { name: '7' });
    expect(headers()).not.toContain('SQL ID');
    expect(headers().slice(1, 4)).toEqual(['Session ID', 'SQL', 'User']);
  });
});
