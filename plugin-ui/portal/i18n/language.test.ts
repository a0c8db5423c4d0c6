import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleI18n, initialLanguage, rememberLanguage, showLanguage } from './language';

afterEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

describe("the demo console's language", () => {
  it('comes from ?lang= first, then the last choice in this tab, then the browser', () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-FR');
    expect(initialLanguage()).toBe('fr-FR');
    sessionStorage.setItem('console-demo-lang', 'en');
    expect(initialLanguage()).toBe('en');
    window.history.replaceState(null, '', '/diagnostics/east/sessions?lang=zh-CN');
    expect(initialLanguage()).toBe('zh-CN');
  });

  it('is kept for the tab and written into the address, which keeps its path and other parameters', () => {
    window.history.replaceState(null, '', '/clusters/a/tenants/b/sessions?rights=read');
    rememberLanguage('zh-CN');
    expect(sessionStorage.getItem('console-demo-lang')).toBe('zh-CN');
    expect(window.location.pathname).toBe('/clusters/a/tenants/b/sessions');
    expect(new URLSearchParams(window.location.search).get('rights')).toBe('read');
    expect(new URLSearchParams(window.location.search).get('lang')).toBe('zh-CN');
  });

  it('speaks Chinese for zh tags, English otherwise, and sets the page language', () => {
    const i18n = createConsoleI18n('zh-Hans');
    expect(i18n._('diagnostics')).toBe('实时诊断');
    expect(document.documentElement.lang).toBe('zh-CN');
    showLanguage(i18n, 'de');
    expect(i18n._('diagnostics')).toBe('Real-time Diagnostics');
    expect(i18n._('tenantCount', { count: 1 })).toBe('1 tenant');
    expect(document.documentElement.lang).toBe('en');
  });
});
