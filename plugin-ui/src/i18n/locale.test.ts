import { describe, expect, it } from 'vitest';
import { catalogLocaleOf, intlLocaleOf } from './locale';

describe('the locale prop', () => {
  it.each(['zh', 'zh-CN', 'zh-cn', 'zh_CN', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-SG', 'ZH-HANS'])(
    '%s reads Chinese',
    (tag) => {
      expect(catalogLocaleOf(tag)).toBe('zh-CN');
    },
  );

  it.each([undefined, '', 'en', 'en-US', 'fr', 'zh-TW', 'zh-Hant', 'zh-HK', 'zhx', 'not a tag'])(
    '%s reads English',
    (tag) => {
      expect(catalogLocaleOf(tag)).toBe('en');
    },
  );

  it('formats numbers for the tag as given when valid, else for the catalog', () => {
    expect(intlLocaleOf('de-DE')).toBe('de-DE');
    expect(intlLocaleOf('zh-hans-cn')).toBe('zh-Hans-CN');
    expect(intlLocaleOf('not a tag')).toBe('en');
    expect(intlLocaleOf(undefined)).toBe('en');
  });
});
