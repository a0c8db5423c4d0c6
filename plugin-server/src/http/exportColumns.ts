import {
  type ExportLanguage,
  type GroupBy,
  type Session,
  type SessionGroup,
  sqlKeyOf,
} from '@tenant-sessions/contracts';

/**
 * What a cell holds: `id` (always written as text), `text` (written as text when a spreadsheet
 * would read it as a formula), `number` or `flag` (yes / no in the header's language).
 */
type Kind = 'id' | 'text' | 'number' | 'flag';
type Cell = string | number | boolean | null;

/** One column of an export: its header in each language, its kind, and how a row fills it. */
type Column<Row> = { en: string; 'zh-CN': string; kind: Kind; of: (row: Row) => Cell };

/**
 * The sessions export's columns, in the list's order, then what the details show. Headers are the
 * tab's own words (the parcel's catalogs; docs/api.md "Export"): the sidecar keeps this small
 * table of its own, as it cannot read the parcel's catalogs.
 */
const SESSION_COLUMNS: ReadonlyArray<Column<Session>> = [
  { en: 'Session ID', 'zh-CN': '会话 ID', kind: 'id', of: (s) => s.id },
  { en: 'SQL', 'zh-CN': 'SQL', kind: 'text', of: (s) => s.sqlPreview },
  { en: 'SQL Truncated', 'zh-CN': 'SQL 已截断', kind: 'flag', of: (s) => s.sqlTruncated },
  { en: 'User', 'zh-CN': '用户', kind: 'text', of: (s) => s.user },
  { en: 'Source', 'zh-CN': '来源', kind: 'text', of: (s) => s.source },
  { en: 'Database Name', 'zh-CN': '数据库名', kind: 'text', of: (s) => s.database },
  { en: 'Command', 'zh-CN': '命令', kind: 'text', of: (s) => s.command },
  { en: 'Execution Time (s)', 'zh-CN': '执行时间（s）', kind: 'number', of: (s) => s.timeSeconds },
  { en: 'Status', 'zh-CN': '状态', kind: 'text', of: (s) => s.status },
  { en: 'observer', 'zh-CN': 'OBServer', kind: 'text', of: (s) => s.observer },
  { en: 'OBProxy', 'zh-CN': 'OBProxy', kind: 'text', of: (s) => s.obproxy },
  { en: 'SQL ID', 'zh-CN': 'SQL ID', kind: 'id', of: (s) => sqlKeyOf(s) },
  { en: 'State', 'zh-CN': '线程状态', kind: 'text', of: (s) => s.state },
  { en: 'Proxy Session ID', 'zh-CN': '代理会话 ID', kind: 'id', of: (s) => s.proxySessionId },
  { en: 'Trace ID', 'zh-CN': 'Trace ID', kind: 'id', of: (s) => s.traceId },
  { en: 'Transaction State', 'zh-CN': '事务状态', kind: 'text', of: (s) => s.transactionState },
  { en: 'Transaction Age (s)', 'zh-CN': '事务时长（s）', kind: 'number', of: (s) => s.transactionSeconds },
  { en: 'Blocked By', 'zh-CN': '被阻塞于', kind: 'text', of: (s) => s.blockedBy.join(' ') },
  { en: 'Blocking', 'zh-CN': '阻塞会话数', kind: 'number', of: (s) => s.blocking },
  { en: 'Other Observers', 'zh-CN': '其他 OBServer', kind: 'text', of: (s) => s.otherObservers.join(' ') },
  { en: 'Protected', 'zh-CN': '受保护', kind: 'flag', of: (s) => s.protected },
  { en: 'Protected Reason', 'zh-CN': '保护原因', kind: 'text', of: (s) => s.protectedReason },
];

/** The first column of a statistics export: what its rows group by. */
const GROUP_HEADERS: Record<GroupBy, { en: string; 'zh-CN': string; kind: Kind }> = {
  user: { en: 'User', 'zh-CN': '用户', kind: 'text' },
  source: { en: 'Source', 'zh-CN': '来源', kind: 'text' },
  database: { en: 'Database', 'zh-CN': '数据库', kind: 'text' },
  sql: { en: 'SQL ID', 'zh-CN': 'SQL ID', kind: 'id' },
};

const groupColumns = (by: GroupBy): ReadonlyArray<Column<SessionGroup>> => [
  { ...GROUP_HEADERS[by], of: (g) => g.value },
  { en: 'Active', 'zh-CN': '活跃数', kind: 'number', of: (g) => g.active },
  { en: 'Total', 'zh-CN': '总数', kind: 'number', of: (g) => g.total },
  {
    en: 'Longest Active Session (s)',
    'zh-CN': '活跃会话最长时间（s）',
    kind: 'number',
    of: (g) => g.maxActiveSeconds,
  },
  ...(by === 'sql'
    ? [{ en: 'SQL', 'zh-CN': 'SQL', kind: 'text' as const, of: (g: SessionGroup) => g.sample ?? null }]
    : []),
];

const FLAGS: Record<ExportLanguage, [string, string]> = { en: ['yes', 'no'], 'zh-CN': ['是', '否'] };

/** Text a spreadsheet would run as a formula (or that starts with the text mark itself). */
const FORMULA_LIKE = /^[=+\-@\t\r]/;

/**
 * A leading tab makes a spreadsheet (Excel, LibreOffice Calc, Google Sheets) take the cell as
 * text: ids keep every digit (3221487617, 18446744073709551615, a hex digest like 12e4), and a
 * text starting with = + - @ is not run as a formula. A CSV reader drops that one leading tab
 * to get the value back exactly (README, "CSV export").
 */
export const TEXT_MARK = '\t';

/** One cell as the CSV writer gets it: a string, or a number; empty for null. */
const cellOf = (kind: Kind, value: Cell, lang: ExportLanguage): string | number => {
  if (value === null) return '';
  if (kind === 'number') return value as number;
  if (kind === 'flag') return FLAGS[lang][value ? 0 : 1];
  const text = String(value);
  if (kind === 'id') return text === '' ? '' : TEXT_MARK + text;
  return FORMULA_LIKE.test(text) ? TEXT_MARK + text : text;
};

/** How rows of one kind become CSV records: the header row, then one record per row. */
export type Sheet<Row> = { header: string[]; record: (row: Row) => Array<string | number> };

const sheetOf = <Row>(columns: ReadonlyArray<Column<Row>>, lang: ExportLanguage): Sheet<Row> => ({
  header: columns.map((c) => c[lang]),
  record: (row) => columns.map((c) => cellOf(c.kind, c.of(row), lang)),
});

export const sessionSheet = (lang: ExportLanguage): Sheet<Session> => sheetOf(SESSION_COLUMNS, lang);
export const groupSheet = (by: GroupBy, lang: ExportLanguage): Sheet<SessionGroup> =>
  sheetOf(groupColumns(by), lang);
