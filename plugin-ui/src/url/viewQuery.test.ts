import { describe, expect, it } from 'vitest';
import { readView, viewPartOf, writeView } from './viewQuery';

describe('readView: the view a link holds', () => {
  it('reads every known parameter with the contract rules', () => {
    expect(
      readView(
        '?lang=zh-CN&ts.tenant=trade&ts.user=app&ts.source=10.0.0.7&ts.database=orders&ts.active=1&ts.blockers=1&ts.sort=-user&ts.size=100&ts.view=stats&ts.refresh=5000',
      ),
    ).toEqual({
      view: {
        tenantId: 'trade',
        filters: { user: 'app', source: '10.0.0.7', database: 'orders' },
        activeOnly: true,
        blockers: true,
        sort: { column: 'user', direction: 'desc' },
        pageSize: 100,
        view: 'stats',
        refreshMs: 5000,
      },
      ignored: [],
    });
    expect(readView('?ts.sort=id').view.sort).toEqual({ column: 'id', direction: 'asc' });
  });

  it('ignores what it does not know, what the contract refuses and a repeated parameter, naming each', () => {
    const { view, ignored } = readView(
      '?ts.colour=red&ts.sort=-password&ts.size=37&ts.size=5000&ts.active=maybe&ts.blockers=yes&ts.refresh=10&ts.view=graph&ts.user=a&ts.user=b&ts.sessionId=12',
    );
    expect(view).toEqual({ filters: { user: 'a' } });
    expect(ignored).toEqual([
      'ts.colour=red',
      'ts.sort=-password',
      'ts.size=37',
      'ts.size=5000',
      'ts.active=maybe',
      'ts.blockers=yes',
      'ts.refresh=10',
      'ts.view=graph',
      'ts.user=b',
      'ts.sessionId=12',
    ]);
    expect(readView(`?ts.user=${'x'.repeat(257)}`).ignored).toHaveLength(1);
    expect(readView('?ts.tenant=').ignored).toEqual(['ts.tenant=']);
  });

  it('leaves the parameters of the host alone', () => {
    expect(readView('?rights=read&lang=zh-CN&user=x')).toEqual({ view: {}, ignored: [] });
  });
});

describe('writeView: the view into a URL', () => {
  const plain = {
    filters: {},
    activeOnly: false,
    sort: { column: 'timeSeconds', direction: 'desc' },
    pageSize: 50,
  } as const;

  it('adds nothing for the default view and keeps the host parameters', () => {
    expect(writeView('?lang=zh-CN&ts.user=old', plain)).toBe('?lang=zh-CN');
    expect(writeView('', plain)).toBe('');
  });

  it('round-trips through readView', () => {
    const view = {
      tenantId: 'trade',
      filters: { user: 'a&b=c', database: '订单' },
      activeOnly: true,
      blockers: true,
      sort: { column: 'observer', direction: 'asc' },
      pageSize: 200,
      view: 'stats',
      refreshMs: 3000,
    } as const;
    const search = writeView('?lang=en', view);
    expect(search).toMatch(/^\?lang=en&ts\.tenant=trade&ts\.user=a%26b%3Dc&/);
    expect(readView(search)).toEqual({ view, ignored: [] });
    expect(viewPartOf(search)).not.toContain('lang');
  });
});
