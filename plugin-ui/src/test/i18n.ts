import { en, type MessageKey } from '../i18n/catalogs/en';
import { createTabI18n, loosely, type MessageValues, translateWith } from '../i18n/messages';

/**
 * The parcel's words as an operator reads them, for tests to find elements by: a test names the
 * catalog key, not the wording (which may change).
 */
export const english = loosely(translateWith(createTabI18n('en')));
export const chinese = loosely(translateWith(createTabI18n('zh-CN')));

/** A message's text, in English unless told. */
export const say = (key: MessageKey, values?: MessageValues, language: 'en' | 'zh-CN' = 'en') =>
  (language === 'en' ? english : chinese)(key, values);

export { en };
