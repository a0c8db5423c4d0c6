import { z } from 'zod';
import { exportLanguageOf } from './exportPaths';
import { groupBy, listInput } from './sessions';
import { tenantRef } from './tenants';

/**
 * `GET /export/sessions.csv?input=`: a list's input (docs/api.md, "Export"). Its filters and sort
 * decide which sessions, in which order; its paging is ignored (every matching session is written).
 */
export const sessionsExportInput = listInput;
export type SessionsExportInput = z.input<typeof sessionsExportInput>;

/** `GET /export/stats.csv?input=`: the tenant, the grouping, and whether to count ACTIVE sessions only. */
export const statsExportInput = tenantRef
  .extend({ by: groupBy, activeOnly: z.boolean().default(false) })
  .strict();
export type StatsExportInput = z.input<typeof statsExportInput>;
export type StatsExportQuery = z.output<typeof statsExportInput>;

/** `?lang=`: a BCP 47 tag (absent: English), read as `exportLanguageOf` reads it. */
export const exportLang = z
  .string()
  .max(35, 'must be a BCP 47 language tag, e.g. "en" or "zh-CN"')
  .regex(/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag, e.g. "en" or "zh-CN"')
  .optional()
  .transform(exportLanguageOf);
