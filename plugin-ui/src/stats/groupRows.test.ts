import type { SessionGroup } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_SORT, groupRows } from './groupRows';

const row = (
  value: string | null,
  active: number,
  total: number,
  max: number | null,
  sample?: string,
): SessionGroup => ({
  value,
  active,
  total,
  maxActiveSeconds: max,
  ...(sample === undefined ? {} : { sample }),
});
/** In the sidecar's order: active desc, total desc, value; the none row last. */
const ROWS = [row('b', 3, 9, 40), row('a', 3, 4, 70), row('c', 0, 7, null), row(null, 0, 2, null)];

describe('groupRows', () => {
  it("keeps the sidecar's order by default (active desc) and sorts stably by any column", () => {
    expect(groupRows(ROWS, '', DEFAULT_GROUP_SORT)).toBe(ROWS);
    expect(groupRows(ROWS, '', { key: 'total', desc: true }).map((r) => r.value)).toEqual([
      'b',
      'c',
      'a',
      null,
    ]);
    expect(groupRows(ROWS, '', { key: 'active', desc: false }).map((r) => r.value)).toEqual([
      'c',
      null,
      'b',
      'a',
    ]);
    expect(groupRows(ROWS, '', { key: 'value', desc: false }).map((r) => r.value)).toEqual([
      'a',
      'b',
      'c',
      null,
    ]);
    expect(groupRows(ROWS, '', { key: 'value', desc: true }).map((r) => r.value)).toEqual([
      'c',
      'b',
      'a',
      null,
    ]);
  });

  it('puts rows with no value or none active last in either direction', () => {
    for (const desc of [true, false])
      expect(
        groupRows(ROWS, '', { key: 'maxActiveSeconds', desc })
          .slice(2)
          .map((r) => r.value),
      ).toEqual(['c', null]);
  });

  it('searches the value and (By SQL) the normalised text, case-insensitively', () => {
    const sql = [
      row('F00D', 1, 1, 1, 'SELECT * FROM orders WHERE id = ?'),
      row('BEEF', 0, 1, null, 'UPDATE t SET a = ?'),
    ];
    expect(groupRows(sql, 'from ORDERS', DEFAULT_GROUP_SORT).map((r) => r.value)).toEqual(['F00D']);
    expect(groupRows(sql, 'beef', DEFAULT_GROUP_SORT).map((r) => r.value)).toEqual(['BEEF']);
    expect(groupRows(ROWS, '  B ', DEFAULT_GROUP_SORT).map((r) => r.value)).toEqual(['b']);
  });
});
