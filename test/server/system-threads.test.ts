import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../support/db';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { refOf } from '../support/testServer';

// A server of our own, so that its event scheduler (a real system thread) may be switched on.
let server: ThrowawayServer;
let sidecar: TestSidecar;
const tenant = refOf('own');

beforeAll(async () => {
  server = await startThrowawayMariadb(['--event-scheduler=ON']);
  sidecar = await startSidecar([tenantOn(server.url, 'own')]);
});

afterAll(async () => {
  await sidecar?.stop();
  await server?.stop();
});

describe('system threads', () => {
  it('are listed as protected and never killed, with no KILL sent', async () => {
    const page = await sidecar.api.sessions.list.query({ ...tenant, pageSize: 1000 });
    const scheduler = page.rows.find((r) => r.user === 'event_scheduler');
    expect(scheduler).toMatchObject({
      command: 'Daemon',
      protected: true,
      protectedReason: 'the event scheduler',
    });
    for (const procedure of ['kill', 'killQuery'] as const) {
      const report = await sidecar.api.sessions[procedure].mutate({
        ...tenant,
        sessionKeys: [String(scheduler?.key)],
      });
      expect(report.results).toEqual([
        {
          sessionKey: scheduler?.key,
          outcome: 'protected',
          message: 'Never closed from here: the event scheduler',
          code: 'protected',
          params: { id: scheduler?.id, reason: 'the event scheduler' },
        },
      ]);
    }
    const check = await connect(server.url);
    const [rows] = await check.query(
      "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'event_scheduler'",
    );
    expect(rows).toEqual([{ ID: scheduler?.id }]);
    await check.end();
  });
});
