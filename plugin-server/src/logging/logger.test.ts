import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('the logger', () => {
  it('never writes a password or a token, at any depth a line carries one', () => {
    let written = '';
    const log = createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          written += String(chunk);
          done();
        },
      }),
    );
    log.info({ password: 'pw-top', token: 'tok-top', user: 'kept' }, 'one');
    log.info({ connection: { host: 'db', password: 'pw-1' } }, 'two');
    log.info({ config: { connection: { password: 'pw-2' } }, authorization: 'Bearer abc' }, 'three');
    log.info({ tenant: { config: { connection: { password: 'pw-3' } } } }, 'four');
    log.info({ req: { headers: { authorization: 'Bearer xyz', cookie: 'sid=1' } } }, 'five');
    expect(written).toContain('kept');
    expect(written).toContain('"host":"db"');
    for (const secret of ['pw-top', 'tok-top', 'pw-1', 'pw-2', 'pw-3', 'Bearer', 'sid=1'])
      expect(written).not.toContain(secret);
  });
});
