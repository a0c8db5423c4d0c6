import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileNameOf } from '../api/exportCsv';
import { activeLong } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { server } from '../test/server';
import { mockSidecar } from '../test/sidecar';

type Seen = { url: URL; authorization: string | null };

const CSV = '\uFEFFSession ID,SQL\r\n\t3221487617,"SELECT 1, ""a"""\r\n';

const exportAnswering = (seen: Seen[], answer: () => Response) =>
  server.use(
    http.get('http://sidecar.test/export/sessions.csv', ({ request }) => {
      seen.push({ url: new URL(request.url), authorization: request.headers.get('authorization') });
      return answer();
    }),
  );

let saved: Array<{ name: string; text: Promise<string> }>;
beforeEach(() => {
  saved = [];
  let blob: Blob | undefined;
  URL.createObjectURL = vi.fn((b: Blob) => {
    blob = b;
    return 'blob:export-1';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (blob) saved.push({ name: this.download, text: blob.text() });
  });
});
afterEach(() => vi.restoreAllMocks());

describe('Export in the toolbar', () => {
  it("downloads every session of the current filters with the token, in the operator's language, under the sidecar's name", async () => {
    window.history.replaceState(null, '', '/?ts.user=app&ts.sort=user');
    mockSidecar();
    const seen: Seen[] = [];
    exportAnswering(
      seen,
      () =>
        new HttpResponse(CSV, {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="sessions-prod-1-trade-20261124T023001Z.csv"',
          },
        }),
    );
    const { user } = renderTab({ locale: 'zh-CN' });
    await rowOf(activeLong.id);
    await user.click(screen.getByRole('button', { name: say('export.sessions', {}, 'zh-CN') }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe('sessions-prod-1-trade-20261124T023001Z.csv');
    expect(await saved[0]?.text).toBe(CSV.slice(1));
    expect(seen[0]?.authorization).toBe('Bearer token-1');
    expect(seen[0]?.url.searchParams.get('lang')).toBe('zh-CN');
    expect(JSON.parse(seen[0]?.url.searchParams.get('input') ?? '')).toMatchObject({
      clusterId: 'prod-1',
      tenantId: 'trade',
      user: 'app',
      sort: { column: 'user', direction: 'asc' },
    });
    expect(URL.createObjectURL).toHaveBeenCalledOnce();
  });

  it("says why when the sidecar refuses, in the sidecar's words", async () => {
    mockSidecar();
    exportAnswering([], () =>
      HttpResponse.json(
        {
          error: {
            message: 'Your token does not grant read on tenant prod-1/trade',
            code: -32600,
            data: { code: 'FORBIDDEN', httpStatus: 403, reason: 'NO_READ' },
          },
        },
        { status: 403 },
      ),
    );
    const { user } = renderTab();
    await rowOf(activeLong.id);
    await user.click(screen.getByRole('button', { name: say('export.sessions') }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your token does not grant read on tenant prod-1/trade',
    );
    expect(saved).toHaveLength(0);
  });
});

describe('fileNameOf', () => {
  it.each([
    ['attachment; filename="a b.csv"', 'a b.csv'],
    ['attachment; filename=plain.csv', 'plain.csv'],
    ['attachment; filename="x.csv"; filename*=UTF-8\'\'%E7%A7%9F%E6%88%B7.csv', '租户.csv'],
    [null, null],
  ])('%s → %s', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
  });
});
