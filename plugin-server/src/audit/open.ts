import path from 'node:path';
import type { Logger } from 'pino';
import { OwnConnections } from '../connections/own';
import { fileSink } from './file';
import { mysqlSink, parseMysqlAuditUrl } from './mysql';
import type { AuditSink } from './sink';

/** Where the audit goes by default: `./data/audit.jsonl` under the process's working folder. */
export const DEFAULT_AUDIT_FILE = path.join('data', 'audit.jsonl');

/** SESSIONS_AUDIT: a `mysql://…/database[?table=…]` URL, or a JSON-lines file path (default above). */
export const openAudit = (
  setting: string | undefined,
  cwd = process.cwd(),
  own: OwnConnections = new OwnConnections(),
  log?: Logger,
): AuditSink => {
  if (setting && /^mysql:\/\//i.test(setting)) return mysqlSink(parseMysqlAuditUrl(setting), own, log);
  return fileSink(path.resolve(cwd, setting || DEFAULT_AUDIT_FILE), log);
};
