// No zod here: the parcel takes these without shipping zod (webpack drops the unused modules).

/** The export routes, relative to the sidecar's origin (beside `/trpc`). */
export const EXPORT_PATHS = { sessions: '/export/sessions.csv', stats: '/export/stats.csv' } as const;
export type ExportKind = keyof typeof EXPORT_PATHS;

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
