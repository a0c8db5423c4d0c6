import { z } from 'zod';
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

/** The languages an export's header row is written in (`?lang=`); any other tag answers English. */
export const EXPORT_LANGUAGES = ['en', 'zh-CN'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** The language of a BCP 47 tag as the parcel's catalogs read it: `zh`, `zh-CN`, `zh-Hans…` Chinese, else English. */
export const exportLanguageOf = (tag: string | undefined): ExportLanguage => {
  const t = (tag ?? '').trim().toLowerCase().replaceAll('_', '-');
  return t === 'zh' || t === 'zh-cn' || t === 'zh-hans' || t.startsWith('zh-hans-') || t.startsWith('zh-cn-')
    ? 'zh-CN'
    : 'en';
};

/** `?lang=`: a BCP 47 tag (absent: English), read as `exportLanguageOf` reads it. */
export const exportLang = z
  .string()
  .max(35, 'must be a BCP 47 language tag, e.g. "en" or "zh-CN"')
  .regex(/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag, e.g. "en" or "zh-CN"')
  .optional()
  .transform(exportLanguageOf);

/** The export routes, relative to the sidecar's origin (beside `/trpc`). */
export const EXPORT_PATHS = { sessions: '/export/sessions.csv', stats: '/export/stats.csv' } as const;
export type ExportKind = keyof typeof EXPORT_PATHS;
