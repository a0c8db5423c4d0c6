import { type Session, statisticsOf } from '@tenant-sessions/contracts';
import { obRowToSession } from '../../plugin-server/src/dialects/oceanbase/rows';
import { statsOf } from '../../plugin-server/src/snapshots/stats';
import type { BoundedSnapshot } from '../../plugin-server/src/snapshots/store';
import { rowOf } from './obfixture';
import type { Figure } from './report';
import { p50, round } from './stats';

const ALIASES = [
  'svr_ip',
  'svr_port',
  'sql_port',
  'id',
  'user',
  'host',
  'db',
  'tenant',
  'command',
  'time_seconds',
  'total_time',
  'state',
  'info',
  'proxy_sessid',
  'user_client_ip',
  'sql_id',
  'trace_id',
  'trans_state',
  'user_client_port',
  'proxy_user',
];

/** `count` sessions as the sidecar maps the OceanBase fixture's rows (obfixture.ts). */
export const fixtureSessions = (count: number): Session[] =>
  Array.from({ length: count }, (_, i) => {
    const values = rowOf(i);
    const row: Record<string, unknown> = Object.fromEntries(ALIASES.map((name, k) => [name, values[k]]));
    const info = row.info as string | null;
    row.info_head = info === null ? null : info.slice(0, 257);
    row.info_length = info === null ? null : info.length;
    return obRowToSession(row);
  });

const snapshotOf = (sessions: Session[]): BoundedSnapshot =>
  ({
    sessions,
    capturedAt: new Date().toISOString(),
    dialect: 'oceanbase',
    visibility: 'all',
    serverVersion: '4.3',
    truncated: false,
  }) as BoundedSnapshot;

const timeOf = (work: () => unknown): number => {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/**
 * Where a sessions.stats answer's time goes, in this process, on sessions mapped from the
 * OceanBase fixture's rows: the contract's statisticsOf (every row of every grouping, sorted: what
 * the CSV export writes), the sidecar's first statsOf on a snapshot (counting, the top rows), its
 * statsOf on a snapshot it answered before (a warm call), and the answer's JSON (its size and the
 * time to serialise it).
 */
export const statsSplit = (count: number): Figure[] => {
  const sessions = fixtureSessions(count);
  const section = `Session Statistics in-process, ${count.toLocaleString('en-US')} fixture sessions`;
  const cold: number[] = [];
  const first: number[] = [];
  const warm: number[] = [];
  const json: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 12; i++) {
    cold.push(timeOf(() => statisticsOf(sessions, { activeOnly: false })));
    // A new array: a new snapshot to the cache.
    const snapshot = snapshotOf([...sessions]);
    const query = { clusterId: 'c', tenantId: 't', activeOnly: false };
    first.push(timeOf(() => statsOf(snapshot, query)));
    let answer: unknown;
    warm.push(timeOf(() => (answer = statsOf(snapshot, query))));
    json.push(
      timeOf(() => {
        bytes = JSON.stringify(answer).length;
      }),
    );
  }
  return [
    {
      section,
      name: 'statisticsOf, every row of every grouping sorted (the CSV export), p50',
      value: round(p50(cold)),
      unit: 'ms',
    },
    { section, name: 'the first statsOf on a new snapshot, p50', value: round(p50(first)), unit: 'ms' },
    { section, name: 'statsOf on a snapshot it answered before, p50', value: round(p50(warm)), unit: 'ms' },
    {
      section,
      name: 'the answer as JSON, p50',
      value: round(p50(json)),
      unit: 'ms',
      note: `${Math.round(bytes / 1024)} KB`,
    },
  ];
};
