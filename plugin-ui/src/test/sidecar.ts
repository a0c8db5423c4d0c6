import type { AuditListInput, KillInput, ListInput } from '@tenant-sessions/contracts';
import { type Procedures, type TrpcCall, trpcHandlers } from '../../demo/trpcHttp';
import { AUDIT, LONG_SQL, pageOf, SESSIONS, TENANTS } from './fixtures';
import { server } from './server';

export const API = 'http://sidecar.test/trpc';

/**
 * Installs a sidecar answering with the fixtures (any procedure can be replaced) and records
 * every call it gets.
 */
export function mockSidecar(overrides: Procedures = {}) {
  const calls: TrpcCall[] = [];
  const procedures: Procedures = {
    'tenants.list': () => TENANTS,
    'sessions.list': () => pageOf(SESSIONS, 120),
    'sessions.sql': (input) => ({
      sessionKey: (input as { sessionKey: string }).sessionKey,
      sessionId: '18446744073709551615',
      sql: LONG_SQL,
      found: true,
      capturedAt: '2026-11-24T02:30:01.000Z',
    }),
    'sessions.kill': (input) => killedAll(input as KillInput),
    'sessions.killQuery': (input) => killedAll(input as KillInput),
    'audit.list': (input) => auditOf(input as AuditListInput),
    ...overrides,
  };
  server.use(...trpcHandlers(API, procedures, (call) => calls.push(call)));
  return {
    calls,
    inputs: <T = unknown>(path: string) => calls.filter((c) => c.path === path).map((c) => c.input as T),
    lastList: () => calls.filter((c) => c.path === 'sessions.list').at(-1)?.input as ListInput | undefined,
  };
}

const killedAll = (input: KillInput) => ({
  results: input.sessionKeys.map((sessionKey) => ({ sessionKey, outcome: 'killed', message: null })),
});

const auditOf = ({ outcome }: AuditListInput) => {
  const rows = AUDIT.filter((r) => !outcome || r.outcome === outcome);
  return { rows, total: rows.length };
};
