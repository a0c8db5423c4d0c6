import { type I18n, setupI18n } from '@lingui/core';
import { type CompiledMessage, compileMessage } from '@lingui/message-utils/compileMessage';
import { type Catalog, en, type MessageKey } from './catalogs/en';
import { zhCN } from './catalogs/zh-CN';
import { type CatalogLocale, catalogLocaleOf, intlLocaleOf } from './locale';

const SOURCES: Record<CatalogLocale, Catalog> = { en, 'zh-CN': zhCN };

let compiled: Record<CatalogLocale, Record<string, CompiledMessage>> | null = null;

/** Both catalogs compiled once per page (Lingui then interpolates without parsing again). */
const compiledCatalogs = () => {
  compiled ??= {
    en: compileAll(SOURCES.en),
    'zh-CN': compileAll(SOURCES['zh-CN']),
  };
  return compiled;
};

const compileAll = (catalog: Catalog) =>
  Object.fromEntries(Object.entries(catalog).map(([key, text]) => [key, compileMessage(text)]));

/** A Lingui instance for one mount, with both catalogs, speaking the language of `tag`. */
export function createTabI18n(tag: string | undefined): I18n {
  const i18n = setupI18n();
  i18n.load(compiledCatalogs());
  activateTag(i18n, tag);
  return i18n;
}

/** Switches a mount's instance to the language (and number format) of another tag. */
export function activateTag(i18n: I18n, tag: string | undefined) {
  const locale = catalogLocaleOf(tag);
  const intl = intlLocaleOf(tag);
  if (i18n.locale !== locale || i18n.locales?.[0] !== intl) i18n.activate(locale, [intl]);
}

/** Values a message names: text, numbers, or (for rich messages) React nodes. */
export type MessageValues = Record<string, unknown>;

/** A catalog lookup with typed keys. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export const translateWith =
  (i18n: I18n): Translate =>
  (key, values) =>
    i18n._(key, values);

export type { MessageKey };
