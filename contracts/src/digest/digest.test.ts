import { describe, expect, it } from 'vitest';
import { sessionDigest, statementDigest } from './digest';
import { normaliseStatement } from './normalise';

const same = (a: string, b: string) => {
  expect(normaliseStatement(a)).toBe(normaliseStatement(b));
  expect(sessionDigest(a)).toBe(sessionDigest(b));
};
const differ = (a: string, b: string) => {
  expect(normaliseStatement(a)).not.toBe(normaliseStatement(b));
  expect(sessionDigest(a)).not.toBe(sessionDigest(b));
};

describe('normaliseStatement', () => {
  it('replaces strings, numbers, hex and bit values with ?', () => {
    expect(
      normaliseStatement(
        "SELECT * FROM t WHERE a = 'x' AND b = \"y\" AND c = 42 AND d = 1.5e-3 AND e = .5 AND f = 0x1F AND g = X'AB' AND h = b'01' AND i = 0b11 AND j = N'n'",
      ),
    ).toBe(
      'SELECT * FROM t WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ? AND f = ? AND g = ? AND h = ? AND i = ? AND j = ?',
    );
  });

  it('reads quotes with backslash escapes and doubled quotes as one literal', () => {
    expect(normaliseStatement("SELECT 'it''s', 'a\\'b', \"say \\\"hi\\\"\", 'x\\\\' FROM t")).toBe(
      'SELECT ?, ?, ?, ? FROM t',
    );
    expect(normaliseStatement("SELECT 'a -- not a comment' , '/* nor this */' FROM t")).toBe(
      'SELECT ?, ? FROM t',
    );
    expect(normaliseStatement("SELECT 'unterminated")).toBe('SELECT ?');
  });

  it('keeps backquoted names as written, doubled backquotes included', () => {
    expect(normaliseStatement('SELECT `a``b`, `order 1` FROM `db`.`t`')).toBe(
      'SELECT `a``b`, `order 1` FROM `db`.`t`',
    );
  });

  it('does not touch digits inside identifiers', () => {
    expect(normaliseStatement('SELECT col1, t2.c3, 1st_col, 2fa, x$9, 0xZZ FROM db2.t10 WHERE a1 = 1')).toBe(
      'SELECT col1, t2.c3, 1st_col, 2fa, x$9, 0xZZ FROM db2.t10 WHERE a1 = ?',
    );
    expect(normaliseStatement('SELECT t.5col FROM t')).toBe('SELECT t.5col FROM t');
    expect(normaliseStatement('SELECT 订单1 FROM 表2 WHERE 列3 = 3')).toBe(
      'SELECT 订单1 FROM 表2 WHERE 列3 = ?',
    );
  });

  it('drops comments of every kind and collapses white space', () => {
    same(
      'SELECT a /* block */ FROM t -- trailing\nWHERE b = 1 # hash\n',
      'SELECT\n\ta\n  FROM   t\r\n WHERE b=2',
    );
    expect(normaliseStatement('/* only a comment */ -- and another')).toBe('');
    expect(normaliseStatement('SELECT 1--1')).toBe('SELECT ? - ?');
  });

  it('reads executable comments as code', () => {
    expect(normaliseStatement('SELECT /*!40001 SQL_NO_CACHE */ * FROM t')).toBe(
      'SELECT SQL_NO_CACHE * FROM t',
    );
  });

  it('folds a sign into its number, not a subtraction', () => {
    same('SELECT * FROM t WHERE a = -1 AND b IN (-2, +3)', 'SELECT * FROM t WHERE a = 7 AND b IN (4)');
    expect(normaliseStatement('SELECT a - 1, (b) - 2, -3 FROM t')).toBe('SELECT a - ?, (b) - ?, ? FROM t');
  });

  it('collapses IN lists of literals, whatever their length, and keeps subqueries', () => {
    same('SELECT * FROM t WHERE id IN (1)', 'SELECT * FROM t WHERE id IN (1, 2, 3, 4)');
    same("SELECT * FROM t WHERE id IN ('a','b')", 'SELECT * FROM t WHERE id IN (7)');
    expect(normaliseStatement('SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k IN (5, 6))')).toBe(
      'SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k IN (?))',
    );
    differ('SELECT * FROM t WHERE id IN (a, b)', 'SELECT * FROM t WHERE id IN (a)');
  });

  it('collapses the rows of a multi-row VALUES that repeat the first', () => {
    same("INSERT INTO t (a, b) VALUES (1, 'x')", "INSERT INTO t (a, b) VALUES (2, 'y'), (3, 'z'), (4, 'w')");
    expect(normaliseStatement('INSERT INTO t VALUES (1, NOW()), (2, NOW())')).toBe(
      'INSERT INTO t VALUES (?, NOW ())',
    );
    expect(normaliseStatement('INSERT INTO t VALUES (1, 2), (3, NOW())')).toBe(
      'INSERT INTO t VALUES (?, ?), (?, NOW ())',
    );
    differ('INSERT INTO t VALUES (1, 2)', 'INSERT INTO t VALUES (1, 2, 3)');
  });

  it('drops trailing semicolons', () => {
    same('SELECT 1;', 'SELECT 2');
  });

  it('tells apart statements that differ in more than literals', () => {
    differ('SELECT a FROM t WHERE id = 1', 'SELECT b FROM t WHERE id = 1');
    differ('SELECT * FROM t WHERE id = 1', 'SELECT * FROM t WHERE id > 1');
  });
});

describe('statementDigest and sessionDigest', () => {
  it('gives a stable 16-digit hex id, the same for the same statement with other literals', () => {
    const a = statementDigest(
      "UPDATE inventory SET stock = stock - 1 WHERE sku_id = 88231 AND warehouse_id = 'HZ-03'",
    );
    const b = statementDigest(
      "update  inventory SET stock = stock - 5 WHERE sku_id = 1 AND warehouse_id = 'BJ-01' -- retry",
    );
    expect(a?.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(a?.sample).toBe('UPDATE inventory SET stock = stock - ? WHERE sku_id = ? AND warehouse_id = ?');
    expect(b?.digest).not.toBe(a?.digest);
    expect(b?.digest).toBe(
      statementDigest("update inventory SET stock = stock - 2 WHERE sku_id = 3 AND warehouse_id = 'x'")
        ?.digest,
    );
    expect(a?.digest).toBe(
      statementDigest('UPDATE inventory SET stock = stock - 9 WHERE sku_id = 2 AND warehouse_id = "q"')
        ?.digest,
    );
  });

  it('cuts the sample to 256 characters, and hashes the whole normal form', () => {
    const columns = Array.from({ length: 100 }, (_, i) => `column_${i}`).join(', ');
    const long = statementDigest(`SELECT ${columns} FROM t WHERE id = 1`);
    expect(long?.sample).toHaveLength(256);
    expect(long?.sample.endsWith('…')).toBe(true);
    const other = statementDigest(`SELECT ${columns} FROM u WHERE id = 1`);
    expect(other?.sample).toBe(long?.sample);
    expect(other?.digest).not.toBe(long?.digest);
  });

  it('answers the same whether a text was seen lately or not, long texts and many texts too', () => {
    const long = `SELECT ${'a, '.repeat(1500)}b FROM t WHERE id = 1`;
    expect(sessionDigest(long)).toBe(statementDigest(long)?.digest);
    expect(sessionDigest(long)).toBe(statementDigest(long)?.digest);
    const first = sessionDigest('SELECT * FROM t WHERE id = 0');
    for (let i = 1; i < 5000; i++)
      expect(sessionDigest(`SELECT * FROM t${i % 3} WHERE id = ${i}`)).toMatch(/^[0-9a-f]{16}$/);
    expect(sessionDigest('SELECT * FROM t WHERE id = 0')).toBe(first);
    expect(sessionDigest('SELECT * FROM t0 WHERE id = 1')).toBe(
      sessionDigest('SELECT * FROM t0 WHERE id = 3'),
    );
  });

  it('answers null for no statement', () => {
    expect(sessionDigest(null)).toBeNull();
    expect(sessionDigest('  -- nothing\n')).toBeNull();
    expect(statementDigest('')).toBeNull();
  });
});
