import type { Session } from '@tenant-sessions/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../support/db';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';

// A server of our own, so that its event scheduler (a real system thread) may be switched on.
let server: ThrowawayServer;
let sidecar: TestSidecar;
const tenant = { clusterId: 'test', tenantId: 'own' };

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
    const { body } = await sidecar.query('sessions.list', { ...tenant, pageSize: 1000 });
    const scheduler = (body.result.data.rows as Session[]).find((r) => r.user === 'event_scheduler');
    expect(scheduler).toMatchObject({
      command: 'Daemon',
      protected: true,
      protectedReason: 'the event scheduler',
    });
    for (const procedure of ['sessions.kill', 'sessions.killQuery']) {
      const { status, body: report } = await sidecar.mutate(procedure, {
        ...tenant,
        sessionKeys: [scheduler?.key],
      });
      expect(status).toBe(200);
      expect(report.result.data.results).toEqual([
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
