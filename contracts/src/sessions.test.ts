import { describe, expect, it } from 'vitest';
import { killInput } from './kill';
import { LIMITS } from './limits';
import { listInput, makeSessionKey, parseSessionKey, sessionId, sessionKey, sqlInput } from './sessions';

const tenant = { clusterId: 'local', tenantId: 'local' };

describe('session ids and keys', () => {
  it('keeps a 64-bit id exactly, as a string', () => {
    expect(sessionId.parse('18446744073709551615')).toBe('18446744073709551615');
    const key = makeSessionKey('10.0.0.5:2882', '18446744073709551615');
    expect(sessionKey.parse(key)).toBe('10.0.0.5:2882#18446744073709551615');
    expect(parseSessionKey(key)).toEqual({ observer: '10.0.0.5:2882', id: '18446744073709551615' });
  });

  it.each([
    ['-1'],
    ['1.5'],
    ['1e3'],
    [''],
    ['123456789012345678901'],
    ['18446744073709551616'],
    ['1 OR 1=1 -- '],
    ['0x10'],
  ])('refuses the id %j', (id) => {
    expect(sessionId.safeParse(id).success).toBe(false);
    expect(sessionKey.safeParse(`h:1#${id}`).success).toBe(false);
  });

  it('refuses a key without an id part or with a second #', () => {
    expect(sessionKey.safeParse('h:1').success).toBe(false);
    expect(sessionKey.safeParse('a#b#1').success).toBe(false);
    expect(sessionKey.safeParse(`${'h'.repeat(LIMITS.maxString)}#1`).success).toBe(false);
  });
});

describe('listInput', () => {
  it('fills the defaults of API.md', () => {
    expect(listInput.parse(tenant)).toEqual({
      ...tenant,
      activeOnly: false,
      sort: { column: 'timeSeconds', direction: 'desc' },
      pageIndex: 0,
      pageSize: 50,
    });
  });

  it('keeps filter text as given, SQL wildcards included', () => {
    const parsed = listInput.parse({ ...tenant, user: "' OR 1=1 -- ", source: '%', database: 'a_b\\' });
    expect(parsed.user).toBe("' OR 1=1 -- ");
    expect(parsed.source).toBe('%');
    expect(parsed.database).toBe('a_b\\');
  });

  it.each([
    [{ pageSize: 0 }],
    [{ pageSize: 1001 }],
    [{ pageIndex: -1 }],
    [{ pageIndex: 1.5 }],
    [{ user: 'x'.repeat(257) }],
    [{ sort: { column: 'password', direction: 'asc' } }],
    [{ extra: true }],
    [{ tenantId: '' }],
  ])('refuses %j', (bad) => {
    expect(listInput.safeParse({ ...tenant, ...bad }).success).toBe(false);
  });
});

describe('killInput and sqlInput', () => {
  it('takes 1 to 100 distinct keys', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `h:1#${i + 1}`);
    expect(killInput.safeParse({ ...tenant, sessionKeys: keys }).success).toBe(true);
    expect(killInput.safeParse({ ...tenant, sessionKeys: [...keys, 'h:1#101'] }).success).toBe(false);
    expect(killInput.safeParse({ ...tenant, sessionKeys: [] }).success).toBe(false);
    expect(killInput.safeParse({ ...tenant, sessionKeys: ['h:1#1', 'h:1#1'] }).success).toBe(false);
  });

  it('names the field at fault', () => {
    const result = sqlInput.safeParse({ ...tenant, sessionKey: 'h:1#-5' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sessionKey']);
  });
});
