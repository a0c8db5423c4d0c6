import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAudit } from './open';

describe('SESSIONS_AUDIT', () => {
  it('defaults to ./data/audit.jsonl under the working folder, and resolves a relative path there', async () => {
    const byDefault = openAudit(undefined, '/srv/sidecar');
    expect(byDefault.where).toBe(path.resolve('/srv/sidecar/data/audit.jsonl'));
    expect(openAudit('', '/srv/sidecar').where).toBe(byDefault.where);
    expect(openAudit('logs/closes.jsonl', '/srv/sidecar').where).toBe(
      path.resolve('/srv/sidecar/logs/closes.jsonl'),
    );
    expect(openAudit('/var/audit/closes.jsonl', '/srv/sidecar').where).toBe('/var/audit/closes.jsonl');
    await byDefault.close();
  });

  it('takes a mysql:// URL as the table sink, never showing its password', async () => {
    const sink = openAudit('mysql://audit:s3cret@127.0.0.1:1/meta?table=closes');
    expect(sink.where).toBe('mysql://audit@127.0.0.1:1/meta table closes');
    await sink.close();
    expect(() => openAudit('mysql://audit@db/')).toThrow(/must name a database/);
  });
});
