import { describe, expect, it } from 'vitest';
import { fnv1a64 } from './fnv';

/** FNV-1a 64 over UTF-8, computed with BigInt: the reference the two-halves version must equal. */
const reference = (text: string): string => {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
};

describe('fnv1a64', () => {
  it('gives the published FNV-1a 64 values', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it.each([
    ['ASCII', 'SELECT * FROM t WHERE id = ?'],
    ['Greek', 'ΟΔΟΣ σ ς'],
    ['Chinese', '订单表 WHERE 用户 = ?'],
    ['a surrogate pair', 'emoji 🙂 end'],
    ['lone surrogates', 'a \ud800 b \udc00 c \ud800'],
    ['a long text', 'x'.repeat(5000)],
  ])('equals the BigInt reference over UTF-8 for %s', (_, text) => {
    expect(fnv1a64(text)).toBe(reference(text));
  });
});
