import { setupI18n } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import { useLingui } from '@lingui/react';
import { useMemo } from 'react';
import { catalogLocaleOf, intlLocaleOf } from '../../src/i18n/locale';
import { type ConsoleCatalog, type ConsoleKey, en } from './en';
import { zhCN } from './zh-CN';

const LANG_KEY = 'console-demo-lang';

const compileAll = (catalog: ConsoleCatalog) =>
  Object.fromEntries(Object.entries(catalog).map(([key, text]) => [key, compileMessage(text)]));

/** The demo console's language: `?lang=` first, then this tab's last choice, then the browser's. */
export function initialLanguage(): string {
  return (
    new URLSearchParams(window.location.search).get('lang') ??
    sessionStorage.getItem(LANG_KEY) ??
    navigator.language
  );
}

/** The console's one Lingui instance, in the language of `tag`. */
export function createConsoleI18n(tag: string) {
  const i18n = setupI18n();
  i18n.load({ en: compileAll(en), 'zh-CN': compileAll(zhCN) });
  showLanguage(i18n, tag);
  return i18n;
}

/** Switches the console (and the page's `lang`) to `tag`, and keeps it for this tab. */
export function showLanguage(i18n: ReturnType<typeof setupI18n>, tag: string) {
  const locale = catalogLocaleOf(tag);
  const intl = intlLocaleOf(tag);
  if (i18n.locale !== locale || i18n.locales?.[0] !== intl) i18n.activate(locale, [intl]);
  document.documentElement.lang = locale;
}

export function rememberLanguage(tag: string) {
  sessionStorage.setItem(LANG_KEY, tag);
  const url = new URL(window.location.href);
  url.searchParams.set('lang', tag);
  window.history.replaceState(window.history.state, '', url);
}

/** The console's catalog lookup, typed by key. */
export function useConsoleT(): (key: ConsoleKey, values?: Record<string, unknown>) => string {
  const { i18n, _ } = useLingui();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `_` changes with the active language
  return useMemo(() => (key, values) => i18n._(key, values), [i18n, _]);
}
