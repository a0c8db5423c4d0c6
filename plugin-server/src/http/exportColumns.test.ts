import type { Session } from '@tenant-sessions/contracts';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { groupSheet, sessionSheet, TEXT_MARK } from './exportColumns';

const session: Session = {
  key: '10.0.0.5:2882#18446744073709551615',
  id: '18446744073709551615',
  user: '=HYPERLINK("http://x")',
  source: '10.0.0.7:4100',
  database: null,
  command: 'Query',
  timeSeconds: 12.5,
  status: 'ACTIVE',
  state: null,
  sqlPreview: '-- note\nSELECT \'a,b\', "q"',
  sqlTruncated: true,
  observer: '10.0.0.5:2882',
  otherObservers: ['10.0.0.6:2882'],
  obproxy: null,
  proxySessionId: '756006681247547396',
  traceId: null,
  sqlId: null,
  sqlDigest: '12e4',
  transactionState: null,
  transactionSeconds: null,
  blockedBy: [],
  blocking: 0,
  protected: false,
  protectedReason: null,
};

/** Through the writer and a parser, as a spreadsheet user's file goes. */
const roundTrip = (records: Array<Array<string | number>>) =>
  parse(stringify(records, { record_delimiter: 'windows' })) as string[][];
const unmarked = (cell: string) => (cell.startsWith(TEXT_MARK) ? cell.slice(1) : cell);

describe("the export's sheets", () => {
  it('marks ids and formula-like text with one leading tab; dropping it gives every value back', () => {
    const sheet = sessionSheet('en');
    const [row] = roundTrip([sheet.record(session)]);
    const cell = (name: string) => row?.[sheet.header.indexOf(name)] ?? '';
    expect(cell('Session ID')).toBe('\t18446744073709551615');
    expect(cell('SQL ID')).toBe('\t12e4');
    expect(cell('Proxy Session ID')).toBe('\t756006681247547396');
    expect(cell('User')).toBe('\t=HYPERLINK("http://x")');
    expect(cell('SQL')).toBe('\t-- note\nSELECT \'a,b\', "q"');
    expect(cell('Source')).toBe('10.0.0.7:4100');
    expect(unmarked(cell('User'))).toBe(session.user);
    expect(unmarked(cell('SQL'))).toBe(session.sqlPreview);
    expect(cell('Database Name')).toBe('');
    expect(cell('Trace ID')).toBe('');
    expect(cell('Execution Time (s)')).toBe('12.5');
    expect(cell('SQL Truncated')).toBe('yes');
    expect(cell('Protected')).toBe('no');
  });

  it('says yes / no and the headers in Chinese', () => {
    const sheet = sessionSheet('zh-CN');
    expect(sheet.header.slice(0, 3)).toEqual(['会话 ID', 'SQL', 'SQL 已截断']);
    expect(sheet.record(session)[2]).toBe('是');
    expect(groupSheet('database', 'zh-CN').header).toEqual([
      '数据库',
      '活跃数',
      '总数',
      '活跃会话最长时间（s）',
    ]);
  });
});
