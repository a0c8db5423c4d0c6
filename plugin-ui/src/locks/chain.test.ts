import { describe, expect, it } from 'vitest';
import { chainOf, waitersOf } from './chain';

const s = (key: string, ...blockedBy: string[]) => ({ key, blockedBy });

describe('the lock chain', () => {
  it('follows who waits on whom from the blocker down (A → B → C, A → D)', () => {
    const sessions = [s('#A'), s('#B', '#A'), s('#C', '#B'), s('#D', '#A'), s('#E')];
    expect(chainOf('#A', sessions).paths).toEqual([
      { keys: ['#A', '#B', '#C'], cycle: false },
      { keys: ['#A', '#D'], cycle: false },
    ]);
    expect(waitersOf(sessions).get('#A')).toEqual(['#B', '#D']);
  });

  it('lists a session waiting on the holder and on the first waiter on both paths (InnoDB names both)', () => {
    const sessions = [s('#A'), s('#B', '#A'), s('#C', '#A', '#B')];
    expect(chainOf('#A', sessions).paths.map((p) => p.keys.join(' → '))).toEqual(['#A → #B → #C', '#A → #C']);
  });

  it('ends a cycle instead of looping, and says it is one', () => {
    const sessions = [s('#A', '#C'), s('#B', '#A'), s('#C', '#B')];
    expect(chainOf('#A', sessions)).toEqual({
      paths: [{ keys: ['#A', '#B', '#C', '#A'], cycle: true }],
      more: 0,
    });
  });

  it('has no path for a session nobody waits on', () => {
    expect(chainOf('#A', [s('#A'), s('#B')]).paths).toEqual([]);
  });

  it('keeps at most `limit` paths and counts the rest', () => {
    const sessions = [s('#A'), ...Array.from({ length: 30 }, (_, i) => s(`#W${i}`, '#A'))];
    const chain = chainOf('#A', sessions, 20);
    expect(chain.paths).toHaveLength(20);
    expect(chain.more).toBe(10);
  });
});
