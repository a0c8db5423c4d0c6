import { describe, expect, it } from 'vitest';
import { spawnMain } from '../support/mainProcess';
import { freePort } from '../support/mariadbd';

// The real process (npm start's main.ts) refuses to start on settings that would open it up,
// saying which setting and why. (Every other setting's refusal: config/settings.test.ts, audit/open.test.ts.)

const start = async (settings: Record<string, string>) => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), ...settings };
  delete env.SESSIONS_CONFIG;
  for (const name of ['SESSIONS_JWT_SECRET', 'SESSIONS_JWKS_URL']) if (!(name in settings)) delete env[name];
  const child = spawnMain(env);
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += String(chunk);
  });
  child.stdout?.resume();
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, errors };
};

describe('the sidecar refuses to start', () => {
  it.each([
    [{ HOST: '0.0.0.0' }, /Set SESSIONS_JWT_SECRET \(or SESSIONS_JWKS_URL\) to listen on 0\.0\.0\.0/],
    [
      { SESSIONS_ALLOWED_ORIGINS: 'https://console.example/app' },
      /SESSIONS_ALLOWED_ORIGINS: .* is not an origin/,
    ],
    [{ SESSIONS_AUDIT: 'mysql://audit:pw@db.example/' }, /SESSIONS_AUDIT must name a database/],
  ])('with %j, saying why', async (settings, message) => {
    const { code, errors } = await start(settings);
    expect(code).toBe(1);
    expect(errors).toMatch(/^tenant-sessions: cannot start: /);
    expect(errors).toMatch(message);
    expect(errors).not.toMatch(/\n\s+at /);
  });
});
