import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrpcFailure } from '../../demo/trpcHttp';
import { activeLong, LONG_SQL } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';
import { copyText } from './copyText';

async function openSql() {
  const view = renderTab();
  const viewSql = within(await rowOf(activeLong.id)).getByRole('button', { name: /View SQL/ });
  await view.user.click(viewSql);
  const dialog = await screen.findByRole('dialog', { name: say('sql.title', { id: activeLong.id }) });
  return { ...view, dialog, viewSql };
}

describe('View SQL', () => {
  it('reads the full text of that session and shows all of it, whitespace kept', async () => {
    const sidecar = mockSidecar();
    const { dialog } = await openSql();
    const region = await within(dialog).findByRole('region', { name: say('sql.region') });
    expect(region.querySelector('pre')?.textContent).toBe(LONG_SQL);
    expect(sidecar.inputs('sessions.sql')).toEqual([
      { clusterId: 'prod-1', tenantId: 'trade', sessionKey: activeLong.key },
    ]);
  });

  it('copies the whole text to the clipboard and says so', async () => {
    mockSidecar();
    const { dialog, user } = await openSql();
    await within(dialog).findByRole('region', { name: say('sql.region') });
    await user.click(within(dialog).getByRole('button', { name: say('copy.copy') }));
    expect(await within(dialog).findByText(say('copy.copied'))).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(LONG_SQL);
  });

  it('traps focus, closes on Escape and gives focus back to View SQL', async () => {
    mockSidecar();
    const { dialog, user, viewSql } = await openSql();
    await within(dialog).findByRole('region', { name: say('sql.region') });
    expect(dialog.contains(document.activeElement)).toBe(true);
    for (let i = 0; i < 5; i += 1) await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(viewSql).toHaveFocus();
  });

  it('says when the session has ended in the meantime', async () => {
    mockSidecar({
      'sessions.sql': () => ({
        sessionKey: activeLong.key,
        sessionId: activeLong.id,
        sql: null,
        found: false,
        capturedAt: '',
      }),
    });
    const { dialog } = await openSql();
    expect(await within(dialog).findByText(/has ended since the list was read/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: say('copy.copy') })).toBeDisabled();
  });

  it('shows a failure to read the text plainly', async () => {
    mockSidecar({
      'sessions.sql': () => {
        throw new TrpcFailure('TENANT_TIMEOUT', 'processlist query ran past 5000 ms');
      },
    });
    const { dialog } = await openSql();
    expect(
      await within(dialog).findByText(/took too long to answer: processlist query ran past 5000 ms/),
    ).toBeInTheDocument();
  });
});

describe('copyText', () => {
  afterEach(() => vi.restoreAllMocks());

  it('falls back to a selected textarea and execCommand when the clipboard API refuses', async () => {
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({
      writeText: () => Promise.reject(new Error('not allowed')),
    } as unknown as Clipboard);
    const copied: string[] = [];
    document.execCommand = vi.fn(() => {
      copied.push((document.activeElement as HTMLTextAreaElement).value);
      return true;
    });
    await expect(copyText('SELECT 1')).resolves.toBe(true);
    expect(copied).toEqual(['SELECT 1']);
    await waitFor(() => expect(document.querySelector('textarea')).toBeNull());
  });
});
