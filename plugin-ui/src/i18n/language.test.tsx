import type { KillInput } from '@tenant-sessions/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { mountRootParcel } from 'single-spa';
import { describe, expect, it } from 'vitest';
import { TrpcFailure } from '../../demo/trpcHttp';
import * as parcel from '../index';
import { activeLong, pageOf, SESSIONS } from '../test/fixtures';
import { say } from '../test/i18n';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { API, mockSidecar } from '../test/sidecar';

const zh = (key: Parameters<typeof say>[0], values?: Parameters<typeof say>[1]) => say(key, values, 'zh-CN');

const answering =
  (result: { outcome: string; message: string | null; code?: string; params?: Record<string, string> }) =>
  (input: unknown) => ({
    results: (input as KillInput).sessionKeys.map((sessionKey) => ({ sessionKey, ...result })),
  });

async function closeInChinese(locale = 'zh-CN') {
  const view = renderTab({ locale });
  const row = await rowOf(activeLong.id);
  await view.user.click(within(row).getByRole('button', { name: zh('actions.closeSession') }));
  const dialog = await screen.findByRole('dialog', { name: zh('confirm.session.title') });
  await view.user.click(within(dialog).getByRole('button', { name: zh('confirm.session.confirm') }));
  return view;
}

describe('the tab in Chinese', () => {
  it('shows the OCP labels: column titles, filter, actions, More → 关闭当前查询, View SQL and Copy', async () => {
    mockSidecar();
    const { user } = renderTab({ locale: 'zh-Hans-CN' });
    const row = await rowOf(activeLong.id);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, ''));
    expect(headers).toEqual(
      expect.arrayContaining([
        '会话 ID',
        'SQL',
        '用户',
        '来源',
        '数据库名',
        '命令',
        '执行时间（s）',
        '状态',
        'OBServer',
        'OBProxy',
        '操作',
      ]),
    );
    expect(screen.getByRole('checkbox', { name: '仅查看活跃会话' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /刷新/ })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: '关闭会话' })).toBeInTheDocument();
    const more = within(row).getByRole('button', { name: `更多（会话 ${activeLong.id}）` });
    expect(more).toHaveTextContent(/^更多/);
    await user.click(more);
    expect(screen.getByRole('menuitem', { name: '关闭当前查询' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await user.click(within(row).getByRole('button', { name: /查看 SQL/ }));
    const dialog = await screen.findByRole('dialog', { name: `SQL 详情 - ${activeLong.id}` });
    await within(dialog).findByRole('region', { name: zh('sql.region') });
    await user.click(within(dialog).getByRole('button', { name: '复制' }));
    expect(await within(dialog).findByText('复制成功')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: zh('pager.label') })).toHaveTextContent(
      '第 1–50 条，共 120 条',
    );
  });

  it('switches language on a parcel update, in place: no remount, no new request', async () => {
    const sidecar = mockSidecar({ 'sessions.list': () => pageOf(SESSIONS, 1234) });
    const element = document.body.appendChild(document.createElement('div'));
    const props = {
      domElement: element,
      clusterId: 'prod-1',
      tenantId: 'trade',
      apiUrl: API,
      getAuthToken: () => 't',
    };
    const mounted = mountRootParcel(parcel, { ...props, locale: 'en-US' });
    await mounted.mountPromise;
    const row = await rowOf(activeLong.id);
    expect(screen.getByRole('checkbox', { name: say('toolbar.activeOnly') })).toBeInTheDocument();
    expect(element.querySelector('.tsp-count')).toHaveTextContent('1,234 sessions');
    const lists = sidecar.inputs('sessions.list').length;

    await mounted.update?.({ ...props, locale: 'zh-CN' });
    expect(await screen.findByRole('checkbox', { name: '仅查看活跃会话' })).toBeInTheDocument();
    expect(element.querySelector('.tsp-root')).toHaveAttribute('lang', 'zh-CN');
    expect(element.querySelector('.tsp-count')).toHaveTextContent('共 1,234 个会话');
    expect(within(row).getByRole('button', { name: '关闭会话' })).toBeInTheDocument();
    expect(row.isConnected).toBe(true);

    await mounted.update?.({ ...props, locale: 'de-DE' });
    expect(await screen.findByRole('checkbox', { name: say('toolbar.activeOnly') })).toBeInTheDocument();
    expect(element.querySelector('.tsp-count')).toHaveTextContent('1.234 sessions');
    expect(row.isConnected).toBe(true);
    expect(sidecar.inputs('sessions.list')).toHaveLength(lists);
    await mounted.unmount();
    element.remove();
  });

  it('says a close outcome from its message code and parameters', async () => {
    mockSidecar({
      'sessions.kill': answering({
        outcome: 'denied',
        message: 'Access denied; you need the SUPER privilege',
        code: 'denied.privilege',
        params: { id: activeLong.id, account: 'sidecar@%', user: 'app_rw', privilege: 'SUPER' },
      }),
    });
    await closeInChinese();
    expect(
      await screen.findByText(
        `数据库拒绝关闭会话 ${activeLong.id}：会话服务的账号 sidecar@% 缺少关闭用户 app_rw 的会话所需的 SUPER 权限。`,
      ),
    ).toBeInTheDocument();
  });

  it('says the English message for a code it does not know, and for none', async () => {
    mockSidecar({
      'sessions.kill': answering({
        outcome: 'error',
        message: 'Something new went wrong',
        code: 'error.brand_new',
        params: {},
      }),
    });
    await closeInChinese('zh');
    expect(
      await screen.findByText(`无法关闭会话 ${activeLong.id}：Something new went wrong。`),
    ).toBeInTheDocument();
  });

  it('names the outcome unknown (sent, no answer) in both languages', async () => {
    mockSidecar({
      'sessions.kill': answering({
        outcome: 'unknown',
        message: 'no answer within 5 s',
        code: 'unknown.no_answer',
        params: { id: activeLong.id, seconds: '5' },
      }),
    });
    await closeInChinese();
    expect(
      await screen.findByText(
        zh('close.unknown', {
          id: activeLong.id,
          why: zh('code.unknown.no_answer', { id: activeLong.id, seconds: '5' }),
        }),
      ),
    ).toBeInTheDocument();
    expect(say('outcome.unknown')).toBe('unknown');
    expect(zh('outcome.unknown')).toBe('结果未知');
  });

  it('titles a failure by its reason in Chinese, keeping the sidecar’s detail', async () => {
    mockSidecar({
      'sessions.list': () => {
        throw new TrpcFailure('TENANT_UNREACHABLE', 'connect ECONNREFUSED 10.0.0.5:2881');
      },
    });
    renderTab({ locale: 'zh-CN' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('无法连接租户 trade');
    expect(alert).toHaveTextContent('connect ECONNREFUSED 10.0.0.5:2881');
    expect(within(alert).getByRole('button', { name: '重试' })).toBeInTheDocument();
  });

  it('reads the Recent closes panel in Chinese, outcome filter included', async () => {
    mockSidecar();
    const { user } = renderTab({ locale: 'zh-CN' });
    await rowOf(activeLong.id);
    const panel = screen.getByRole('region', { name: zh('audit.region', { tenant: 'trade' }) });
    await user.click(within(panel).getByRole('button', { name: /最近关闭记录/ }));
    await within(panel).findByRole('table');
    const filter = within(panel).getByRole('combobox', { name: '结果' });
    expect(within(filter).getByRole('option', { name: '结果未知' })).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toContain('操作人'),
    );
  });
});
