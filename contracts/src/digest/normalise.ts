import { type Token, tokenize } from './tokens';

const closingOf = (tokens: Token[], open: number): number => {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const text = (tokens[i] as Token).text;
    if (tokens[i]?.kind !== 'punct') continue;
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) return i;
  }
  return -1;
};

/** True when tokens (from, to) are `? , ? , …`: a list of literals only. */
const literalsOnly = (tokens: Token[], from: number, to: number): boolean => {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    const even = (i - from) % 2 === 0;
    if (even ? t.kind !== 'literal' : t.kind !== 'punct' || t.text !== ',') return false;
  }
  return (to - from) % 2 === 1;
};

const textOf = (tokens: Token[], from: number, to: number): string =>
  tokens
    .slice(from, to + 1)
    .map((t) => t.text)
    .join(' ');

/**
 * Collapses the lists whose length is data, not statement: `IN (?, ?, ?)` becomes `IN (?)`, and
 * `VALUES (?, ?), (?, ?)` (further rows the same as the first) becomes `VALUES (?, ?)`.
 */
const collapseLists = (tokens: Token[]): Token[] => {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const before = out[out.length - 1];
    const keyword = token.text === '(' && before?.kind === 'word' ? before.text.toUpperCase() : '';
    const close = keyword === 'IN' || keyword === 'VALUES' || keyword === 'VALUE' ? closingOf(tokens, i) : -1;
    if (close < 0) {
      out.push(token);
    } else if (keyword === 'IN') {
      if (literalsOnly(tokens, i + 1, close)) {
        out.push(token, { kind: 'literal', text: '?' }, tokens[close] as Token);
        i = close;
      } else {
        out.push(token);
      }
    } else {
      const row = textOf(tokens, i, close);
      out.push(...tokens.slice(i, close + 1));
      let end = close;
      while (tokens[end + 1]?.text === ',' && tokens[end + 2]?.text === '(') {
        const next = closingOf(tokens, end + 2);
        if (next < 0 || textOf(tokens, end + 2, next) !== row) break;
        end = next;
      }
      i = end;
    }
  }
  while (out.at(-1)?.text === ';') out.pop();
  return out;
};

const NO_SPACE_BEFORE = new Set([',', ')', '.', ';']);
const NO_SPACE_AFTER = new Set(['(', '.', '@']);

/**
 * A statement in the digest's normal form: literals as `?`, `IN` and `VALUES` lists collapsed,
 * comments dropped, one space between tokens (none inside brackets, before commas, around dots),
 * trailing semicolons dropped. Two statements that differ only in literals, comments, white space
 * or the length of those lists have the same normal form.
 */
export const normaliseStatement = (sql: string): string => {
  const tokens = collapseLists(tokenize(sql));
  let text = '';
  let previous = '';
  for (const { text: t, kind } of tokens) {
    const glued = text === '' || (kind === 'punct' && NO_SPACE_BEFORE.has(t)) || NO_SPACE_AFTER.has(previous);
    text += glued ? t : ` ${t}`;
    previous = kind === 'punct' ? t : '';
  }
  return text;
};
