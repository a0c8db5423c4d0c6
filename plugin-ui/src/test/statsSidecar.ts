import {
  type Dialect,
  type KillInput,
  type LocksAvailability,
  listInput,
  listPage,
  type Session,
  sessionDigest,
  statsCountsOf,
  statsInput,
} from '@tenant-sessions/contracts';
import { mockSidecar } from './sidecar';

const base: Session = {
  key: '',
  id: '',
  user: '',
  source: '',
  database: null,
  command: 'Sleep',
  timeSeconds: 0,
  status: 'SLEEP',
  state: null,
  sqlPreview: null,
  sqlTruncated: false,
  observer: '127.0.0.1:3306',
  otherObservers: [],
  obproxy: null,
  proxySessionId: null,
  traceId: null,
  sqlId: null,
  sqlDigest: null,
  transactionState: null,
  transactionSeconds: null,
  blockedBy: [],
  blocking: 0,
  protected: false,
  protectedReason: null,
};

/** A session of the statistics tests: sleeping unless it runs `sql`. */
export const aSession = (
  id: string,
  fields: Partial<Session> & { sql?: string },
  dialect: Dialect = 'mariadb',
): Session => {
  const { sql, ...rest } = fields;
  const running: Partial<Session> = sql
    ? {
        status: 'ACTIVE',
        command: 'Query',
        sqlPreview: sql,
        ...(dialect === 'oceanbase' ? {} : { sqlDigest: sessionDigest(sql) }),
      }
    : {};
  return { ...base, key: `127.0.0.1:3306#${id}`, id, ...running, ...rest };
};

/**
 * A sidecar over these sessions that lists and counts them by the contract's own rules
 * (`listPage`, `statsCountsOf`, as the sidecar does over its snapshot), and closes for real: a
 * closed session is gone from both. With `locks`, both answers carry it (else none, as an older
 * sidecar's).
 */
export function statsSidecar(
  sessions: Session[],
  dialect: Dialect = 'mariadb',
  { locks }: { locks?: LocksAvailability } = {},
) {
  let rows = [...sessions];
  const page = () => ({
    capturedAt: '2026-11-24T02:30:00.000Z',
    dialect,
    visibility: 'all' as const,
    truncated: false,
    ...(locks ? { locks } : {}),
  });
  return mockSidecar({
    'sessions.list': (input) => ({
      ...listPage(rows, listInput.parse(input)),
      ...page(),
      serverVersion: dialect === 'oceanbase' ? '5.7.25-OceanBase-v4.3.5.0' : '11.4.2-MariaDB',
    }),
    'sessions.stats': (input) => ({
      ...statsCountsOf(rows, statsInput.parse(input)),
      ...page(),
    }),
    'sessions.kill': (input) => {
      const { sessionKeys } = input as KillInput;
      rows = rows.filter((s) => !sessionKeys.includes(s.key));
      return { results: sessionKeys.map((sessionKey) => ({ sessionKey, outcome: 'killed', message: null })) };
    },
  });
}
