import { describe, expect, it } from 'vitest';
import { killInput } from './kill';
import { LIMITS } from './limits';
import { listInput, makeSessionKey, parseSessionKey, sessionId, sessionKey, sqlInput } from './sessions';
import { statsInput } from './stats';

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
  it('fills the defaults of docs/api.md', () => {
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

describe('listInput: the filters of docs/api.md "List filters"', () => {
  it('takes session id digits, SQL text, an SQL ID and a statistics group', () => {
    const parsed = listInput.parse({
      ...tenant,
      sessionId: '00321',
      sql: "WHERE a = '%'",
      sqlId: 'F3A5B1C2',
      group: { by: 'database', value: null },
    });
    expect(parsed).toMatchObject({
      sessionId: '00321',
      sql: "WHERE a = '%'",
      sqlId: 'F3A5B1C2',
      group: { by: 'database', value: null },
    });
    expect(listInput.parse({ ...tenant, group: { by: 'source', value: '10.0.0.7' } }).group?.value).toBe(
      '10.0.0.7',
    );
  });

  it.each([
    [{ sessionId: '12a' }, ['sessionId'], /decimal digits/],
    [{ sessionId: '' }, ['sessionId'], /decimal digits/],
    [{ sessionId: '1'.repeat(21) }, ['sessionId'], /decimal digits/],
    [{ sql: 'x'.repeat(257) }, ['sql'], /at most 256/],
    [{ sqlId: 'x'.repeat(257) }, ['sqlId'], /at most 256/],
    [{ group: { by: 'host', value: 'x' } }, ['group', 'by'], /one of "user", "source", "database", "sql"/],
    [{ group: { by: 'user' } }, ['group', 'value'], /./],
    [{ group: { by: 'user', value: 'x'.repeat(257) } }, ['group', 'value'], /at most 256/],
    [{ group: { by: 'user', value: 'x', extra: 1 } }, ['group'], /./],
    [{ group: 'user=app' }, ['group'], /must be \{ by, value \}/],
  ])('refuses %j, naming the field', (bad, path, message) => {
    const result = listInput.safeParse({ ...tenant, ...bad });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(path);
    expect(issue?.message).toMatch(message);
  });
});

describe('statsInput', () => {
  it('takes a tenant and activeOnly (default false), nothing else', () => {
    expect(statsInput.parse(tenant)).toEqual({ ...tenant, activeOnly: false });
    expect(statsInput.parse({ ...tenant, activeOnly: true }).activeOnly).toBe(true);
    expect(statsInput.safeParse({ ...tenant, by: 'user' }).success).toBe(false);
    expect(statsInput.safeParse({ clusterId: 'c' }).success).toBe(false);
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
