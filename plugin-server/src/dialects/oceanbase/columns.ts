import { type ProcessRow, type Statement, UnsupportedServer } from '../dialect';

/** The view every statement of this dialect reads (MySQL mode, OceanBase 4.0+). */
export const VIEW = 'oceanbase.`GV$OB_PROCESSLIST`';

/** Columns the dialect cannot do without (present from 4.0 on). */
export const REQUIRED_COLUMNS = [
  'SVR_IP',
  'SVR_PORT',
  'SQL_PORT',
  'ID',
  'USER',
  'HOST',
  'DB',
  'TENANT',
  'COMMAND',
  'TIME',
  'STATE',
  'INFO',
  'PROXY_SESSID',
  'USER_CLIENT_IP',
] as const;

/** Columns read when the server has them (USER_CLIENT_PORT: 4.3; the others: 4.2). */
export const OPTIONAL_COLUMNS = ['USER_CLIENT_PORT', 'TRACE_ID', 'SQL_ID', 'TRANS_STATE'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

/** Which optional columns this server's GV$OB_PROCESSLIST has. */
export type ViewColumns = ReadonlySet<OptionalColumn>;

/** The view's columns as the server describes them (once per pool). */
export const COLUMNS_SQL: Statement = {
  sql: "SELECT UPPER(COLUMN_NAME) AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'oceanbase' AND TABLE_NAME = 'GV$OB_PROCESSLIST'",
  values: [],
};

/** The optional columns found; refuses a view lacking a required one. No rows at all: none assumed. */
export const viewColumnsOf = (rows: ProcessRow[]): ViewColumns => {
  const names = new Set(rows.map((row) => String(row.name).toUpperCase()));
  if (names.size === 0) return new Set();
  const missing = REQUIRED_COLUMNS.filter((column) => !names.has(column));
  if (missing.length > 0)
    throw new UnsupportedServer(
      `oceanbase.GV$OB_PROCESSLIST on this server lacks ${missing.join(', ')}: sessions need OceanBase 4.0 or later`,
    );
  return new Set(OPTIONAL_COLUMNS.filter((column) => names.has(column)));
};
