/**
 * SQL text as the statement digest reads it: words (keywords and plain identifiers), quoted names
 * (backticks, kept as written), literals (strings, numbers, hex and bit values, `?` placeholders:
 * each becomes `?`) and punctuation; whitespace and comments are dropped. MySQL's lexical rules:
 * `#` and `-- ` comments to the end of the line, `/* … *\/` comments, `/*! … *\/` executable
 * comments read as code, strings with backslash escapes and doubled quotes.
 */
export type Token = { kind: 'word' | 'name' | 'literal' | 'punct'; text: string };

const OPERATORS = ['<=>', '->>', '<=', '>=', '<>', '!=', ':=', '||', '&&', '<<', '>>', '->'];
/** Words after which a sign belongs to the number that follows (`= -1`, `AND -1`). */
const BEFORE_VALUE = new Set([
  'AND',
  'OR',
  'NOT',
  'XOR',
  'WHEN',
  'THEN',
  'ELSE',
  'BETWEEN',
  'IN',
  'IS',
  'LIKE',
  'VALUES',
  'VALUE',
  'SELECT',
  'WHERE',
  'HAVING',
  'ON',
  'SET',
  'LIMIT',
  'OFFSET',
  'BY',
  'RETURN',
  'INTERVAL',
  'DIV',
  'MOD',
]);
const NUMBER = /0x[0-9a-fA-F]+|0b[01]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const LITERAL: Token = { kind: 'literal', text: '?' };

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordChar = (c: number) =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 128;

const lineEnd = (sql: string, from: number): number => {
  const end = sql.indexOf('\n', from);
  return end < 0 ? sql.length : end + 1;
};

/** Where a string opened by `quote` at `from` ends: after its closing quote, or the text's end. */
const quotedEnd = (sql: string, from: number, quote: number): number => {
  for (let i = from + 1; i < sql.length; i++) {
    const c = sql.charCodeAt(i);
    if (c === 92) i++;
    else if (c === quote) {
      if (sql.charCodeAt(i + 1) !== quote) return i + 1;
      i++;
    }
  }
  return sql.length;
};

const wordEnd = (sql: string, from: number): number => {
  let i = from;
  while (i < sql.length && isWordChar(sql.charCodeAt(i))) i++;
  return i;
};

/** True when a sign just pushed stands before a value (unary), not between two (binary). */
const signIsUnary = (tokens: Token[]): boolean => {
  const sign = tokens[tokens.length - 1];
  if (sign?.kind !== 'punct' || (sign.text !== '-' && sign.text !== '+')) return false;
  const before = tokens[tokens.length - 2];
  if (!before) return true;
  if (before.kind === 'punct') return before.text !== ')';
  return before.kind === 'word' && BEFORE_VALUE.has(before.text.toUpperCase());
};

/** True after a name that a `.` would qualify (`t.5col`), false after a keyword or punctuation. */
const afterName = (tokens: Token[]): boolean => {
  const last = tokens[tokens.length - 1];
  if (!last || last.kind === 'punct' || last.kind === 'literal') return false;
  return last.kind === 'name' || !BEFORE_VALUE.has(last.text.toUpperCase());
};

const pushLiteral = (tokens: Token[]) => {
  if (signIsUnary(tokens)) tokens.pop();
  tokens.push(LITERAL);
};

export const tokenize = (sql: string): Token[] => {
  const tokens: Token[] = [];
  const n = sql.length;
  let executable = 0;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    const next = sql.charCodeAt(i + 1);
    if (c <= 32) {
      i++;
    } else if (c === 35 || (c === 45 && next === 45 && (i + 2 >= n || sql.charCodeAt(i + 2) <= 32))) {
      i = lineEnd(sql, i);
    } else if (c === 47 && next === 42) {
      if (sql.charCodeAt(i + 2) === 33) {
        i += 3;
        while (isDigit(sql.charCodeAt(i))) i++;
        executable++;
      } else {
        const end = sql.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
      }
    } else if (executable > 0 && c === 42 && next === 47) {
      executable--;
      i += 2;
    } else if (c === 39 || c === 34) {
      i = quotedEnd(sql, i, c);
      pushLiteral(tokens);
    } else if (c === 96) {
      const end = quotedEnd(sql, i, 96);
      tokens.push({ kind: 'name', text: sql.slice(i, end) });
      i = end;
    } else if (c === 63) {
      pushLiteral(tokens);
      i++;
    } else if (isDigit(c) || (c === 46 && isDigit(next) && !afterName(tokens))) {
      NUMBER.lastIndex = i;
      NUMBER.test(sql);
      const end = NUMBER.lastIndex;
      if (end < n && isWordChar(sql.charCodeAt(end))) {
        // digits that begin an identifier (t1 is read whole; this is 1st_column, 2fa…)
        const stop = wordEnd(sql, i);
        tokens.push({ kind: 'word', text: sql.slice(i, stop) });
        i = stop;
      } else {
        pushLiteral(tokens);
        i = end;
      }
    } else if (isWordChar(c)) {
      const end = wordEnd(sql, i);
      if (end === i + 1 && sql.charCodeAt(end) === 39 && /[xXbBnN]/.test(sql[i] as string)) {
        // X'1F', B'0101', N'text': one literal
        i = quotedEnd(sql, end, 39);
        pushLiteral(tokens);
      } else {
        tokens.push({ kind: 'word', text: sql.slice(i, end) });
        i = end;
      }
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      const text = op ?? (sql[i] as string);
      tokens.push({ kind: 'punct', text });
      i += text.length;
    }
  }
  return tokens;
};
