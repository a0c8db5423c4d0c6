import { describe, expect, it } from 'vitest';
import { detectDialect } from '../index';
import { viewColumnsOf } from './columns';
import { checkServed, modeOf, parseObVersion } from './version';

describe('OceanBase detection from VERSION()', () => {
  it.each([
    ['5.7.25-OceanBase_CE-v4.2.1.2', { edition: 'CE', version: '4.2.1.2', major: 4 }],
    ['5.7.25-OceanBase-v4.2.5.1', { edition: 'enterprise', version: '4.2.5.1', major: 4 }],
    ['5.7.25-OceanBase_CE-v4.3.5.0', { edition: 'CE', version: '4.3.5.0', major: 4 }],
    ['5.7.25-OceanBase-v4.3.5.0', { edition: 'enterprise', version: '4.3.5.0', major: 4 }],
    ['5.7.25-OceanBase-v3.2.4.1', { edition: 'enterprise', version: '3.2.4.1', major: 3 }],
    ['5.7.25-OceanBase_CE-v3.1.5', { edition: 'CE', version: '3.1.5', major: 3 }],
  ])('reads %s', (version, parsed) => {
    expect(detectDialect(version)).toBe('oceanbase');
    expect(parseObVersion(version)).toEqual(parsed);
  });

  it('finds no OceanBase in MariaDB or MySQL', () => {
    expect(parseObVersion('10.11.19-MariaDB-0+deb12u1')).toBeNull();
    expect(parseObVersion('8.0.36')).toBeNull();
    expect(detectDialect('10.11.19-MariaDB-0+deb12u1')).toBe('mariadb');
    expect(detectDialect('8.4.3')).toBe('mysql');
  });

  it('serves 4.x in MySQL mode, and a forced dialect on a server that is not OceanBase', () => {
    expect(() => checkServed('5.7.25-OceanBase_CE-v4.2.1.2', 'MYSQL')).not.toThrow();
    expect(() => checkServed('5.7.25-OceanBase-v4.3.5.0', 'MYSQL')).not.toThrow();
    expect(() => checkServed('10.11.19-MariaDB', 'MYSQL')).not.toThrow();
  });

  it('refuses OceanBase before 4.0 and Oracle mode, naming what it found', () => {
    expect(() => checkServed('5.7.25-OceanBase-v3.2.4.1', 'MYSQL')).toThrow(
      'OceanBase 3.2.4.1: sessions need OceanBase 4.0 or later (GV$OB_PROCESSLIST)',
    );
    expect(() => checkServed('5.7.25-OceanBase_CE-v4.2.1.2', 'ORACLE')).toThrow(
      'OceanBase 4.2.1.2 in ORACLE mode (ob_compatibility_mode): only MySQL-mode tenants are supported',
    );
  });

  it("takes the mode from SHOW VARIABLES' row, and no row as MySQL", () => {
    expect(modeOf([{ Variable_name: 'ob_compatibility_mode', Value: 'ORACLE' }])).toBe('ORACLE');
    expect(modeOf([{ Variable_name: 'ob_compatibility_mode', Value: 'MYSQL' }])).toBe('MYSQL');
    expect(modeOf([])).toBe('MYSQL');
  });
});

describe("the view's columns", () => {
  const names = (list: string) => list.split(' ').map((name) => ({ name }));
  const core =
    'SVR_IP SVR_PORT SQL_PORT ID USER HOST DB TENANT COMMAND TIME TOTAL_TIME STATE INFO PROXY_SESSID USER_CLIENT_IP';

  it('finds the optional ones the server has', () => {
    expect([...viewColumnsOf(names(`${core} SQL_ID TRACE_ID TRANS_STATE`))].sort()).toEqual([
      'SQL_ID',
      'TRACE_ID',
      'TRANS_STATE',
    ]);
    expect(viewColumnsOf(names(`${core} USER_CLIENT_PORT`)).has('USER_CLIENT_PORT')).toBe(true);
    expect(viewColumnsOf([]).size).toBe(0);
  });

  it('refuses a view without a required column, naming it', () => {
    expect(() => viewColumnsOf(names(core.replace('USER_CLIENT_IP', '')))).toThrow(/lacks USER_CLIENT_IP/);
  });
});
