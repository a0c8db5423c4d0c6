/**
 * FNV-1a, 64 bits, over the UTF-8 bytes of a text, as 16 lowercase hex digits. Pure arithmetic on
 * four 16-bit limbs (no BigInt, no crypto module: every product stays below 2^31), so that it runs
 * the same, and fast, in the browser and in Node. Not a cryptographic hash: it names statements,
 * it does not protect them.
 */
/** The first byte of a UTF-8 sequence, by how many continuation bytes follow it. */
const LEAD = [0, 0xc0, 0xe0, 0xf0];

export const fnv1a64 = (text: string): string => {
  // offset basis 0xcbf29ce484222325, low limb first; prime 0x100000001b3 = 2^40 + 0x1b3
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  let pending = 0;
  let count = 0;
  for (let i = 0; i < text.length || count > 0; ) {
    let byte: number;
    if (count > 0) {
      count--;
      byte = 0x80 | ((pending >> (6 * count)) & 0x3f);
    } else {
      let c = text.charCodeAt(i++);
      if (c >= 0xd800 && c < 0xe000) {
        // a surrogate pair is one code point; a lone surrogate is U+FFFD, as TextEncoder writes it
        const d = text.charCodeAt(i);
        if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      }
      if (c < 0x80) byte = c;
      else {
        count = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
        pending = c;
        byte = (LEAD[count] as number) | (c >> (6 * count));
      }
    }
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
};
