import type { Session } from '@tenant-sessions/contracts';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeLong, pageOf } from '../test/fixtures';
import { renderTab } from '../test/render';
import { mockSidecar } from '../test/sidecar';

const many = (n: number): Session[] =>
  Array.from({ length: n }, (_, i) => ({
    ...activeLong,
    id: String(1000 + i),
    key: `10.0.0.5:2882#${1000 + i}`,
  }));

afterEach(() => vi.restoreAllMocks());

describe('a long page', () => {
  it('renders only the rows in view, standing in for the rest', async () => {
    // jsdom lays nothing out: give the scroll box the height a browser would.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('tsp-scroll') ? 600 : 0;
    });
    mockSidecar({ 'sessions.list': () => pageOf(many(500)) });
    renderTab();
    await screen.findByRole('cell', { name: '1000' });
    const rendered = screen.getAllByRole('row').length - 1;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(screen.queryByRole('cell', { name: '1499' })).toBeNull();
  });

  it('renders a short page whole', async () => {
    mockSidecar({ 'sessions.list': () => pageOf(many(100)) });
    renderTab();
    await screen.findByRole('cell', { name: '1000' });
    expect(screen.getAllByRole('row')).toHaveLength(101);
  });
});
