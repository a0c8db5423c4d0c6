import { describe, expect, it } from 'vitest';
import { hostOf } from './groups';

describe('hostOf: the client host a source row groups by', () => {
  it.each([
    ['10.0.0.7:4100', '10.0.0.7'],
    ['10.0.0.7', '10.0.0.7'],
    ['app-1.example:5000', 'app-1.example'],
    ['localhost', 'localhost'],
    ['[::1]:5000', '::1'],
    ['[fe80::1]', 'fe80::1'],
    ['fe80::1', 'fe80::1'],
    ['host:', 'host:'],
    ['host:ab', 'host:ab'],
    ['', null],
  ])('%j → %j', (source, host) => {
    expect(hostOf(source)).toBe(host);
  });
});
