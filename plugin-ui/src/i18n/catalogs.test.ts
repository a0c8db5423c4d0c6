import { KILL_MESSAGE_CODES } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { en as consoleEn } from '../../portal/i18n/en';
import { zhCN as consoleZh } from '../../portal/i18n/zh-CN';
import { en } from './catalogs/en';
import { zhCN } from './catalogs/zh-CN';
import { compareCatalogs, parametersOf } from './compareCatalogs';

describe('the catalogs', () => {
  it('have the same keys, each message with the same parameters, in English and Chinese', () => {
    expect(compareCatalogs({ en, 'zh-CN': zhCN })).toEqual([]);
  });

  it('of the demo console agree too', () => {
    expect(compareCatalogs({ en: consoleEn, 'zh-CN': consoleZh })).toEqual([]);
  });

  it('say every close message code the contract lists, with only the parameters it sends', () => {
    for (const [code, sent] of Object.entries(KILL_MESSAGE_CODES)) {
      const key = `code.${code}` as keyof typeof en;
      expect(en[key], code).toBeTypeOf('string');
      expect(
        [...parametersOf(en[key])].filter((p) => !(sent as readonly string[]).includes(p)),
        code,
      ).toEqual([]);
    }
  });
});

describe('compareCatalogs', () => {
  const good = { a: 'Session {id} closed', b: '<0>{count, number}</0> sessions' };

  it('fails on a key missing in either catalog', () => {
    expect(compareCatalogs({ en: good, 'zh-CN': { a: '会话 {id} 已关闭' } })).toEqual([
      'zh-CN lacks the key b',
    ]);
    expect(compareCatalogs({ en: { a: good.a }, 'zh-CN': { a: '会话 {id}', c: '多余' } })).toEqual([
      'en lacks the key c',
    ]);
  });

  it('fails on a message using a parameter the other language lacks, in either direction', () => {
    expect(
      compareCatalogs({
        en: good,
        'zh-CN': { a: '会话 {sessionId} 已关闭', b: '共 <0>{count, number}</0> 个' },
      }),
    ).toEqual(['en a uses id, which zh-CN lacks', 'zh-CN a uses sessionId, which en lacks']);
  });

  it('reads parameters inside plurals and selects, and markup tags', () => {
    expect([...parametersOf('{n, plural, one {# of {who}} other {<0>{n}</0>}}')].sort()).toEqual([
      '<0>',
      'n',
      'who',
    ]);
    expect(compareCatalogs({ en: good, 'zh-CN': { a: '会话 {id}', b: '共 {count, number} 个' } })).toEqual([
      'en b uses <0>, which zh-CN lacks',
    ]);
  });

  it('fails on a message that does not parse', () => {
    expect(compareCatalogs({ en: { a: 'x {id' }, 'zh-CN': { a: 'x {id}' } })[0]).toMatch(
      /^en a does not parse/,
    );
  });
});
