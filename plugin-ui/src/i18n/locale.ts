/** The languages the parcel speaks; every other tag reads English. */
export type CatalogLocale = 'en' | 'zh-CN';

/**
 * The catalog for a BCP 47 tag: `zh`, `zh-CN` and `zh-Hans…` read Simplified Chinese; anything
 * else (`zh-TW`, `zh-Hant`, `fr`, nothing, nonsense) reads English.
 */
export function catalogLocaleOf(tag: string | undefined): CatalogLocale {
  const t = (tag ?? '').trim().toLowerCase().replaceAll('_', '-');
  if (t === 'zh' || t === 'zh-cn' || t === 'zh-hans' || t.startsWith('zh-hans-') || t.startsWith('zh-cn-'))
    return 'zh-CN';
  return 'en';
}

/** The tag `Intl` formats numbers and times with: the prop as given when valid, else the catalog's. */
export function intlLocaleOf(tag: string | undefined): string {
  const fallback = catalogLocaleOf(tag);
  if (!tag) return fallback;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? fallback;
  } catch {
    return fallback;
  }
}
