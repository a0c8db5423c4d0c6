import type { AuditRecord, Session, SessionPage, Tenant } from '@tenant-sessions/contracts';

export const LONG_SQL = `SELECT o.order_id,
       o.buyer_id,
       SUM(i.amount) AS total
  FROM orders o
  JOIN order_items i ON i.order_id = o.order_id
 WHERE o.created_at >= '2026-01-01'
   AND o.status IN ('PAID', 'SHIPPED')
${'   AND o.note NOT LIKE "%test%"\n'.repeat(12)} GROUP BY o.order_id, o.buyer_id
 ORDER BY total DESC`;

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
  observer: null,
  otherObservers: [],
  obproxy: null,
  proxySessionId: null,
  traceId: null,
  sqlId: null,
  transactionState: null,
  protected: false,
  protectedReason: null,
  transactionSeconds: null,
  blockedBy: [],
  blocking: 0,
};

export const activeLong: Session = {
  ...base,
  key: '10.0.0.5:2882#18446744073709551615',
  id: '18446744073709551615',
  user: 'app_rw',
  source: '10.1.2.3:51234',
  database: 'trade',
  command: 'Query',
  timeSeconds: 12.34,
  status: 'ACTIVE',
  state: 'ACTIVE',
  sqlPreview: LONG_SQL.slice(0, 256),
  sqlTruncated: true,
  observer: '10.0.0.5:2882',
  obproxy: '10.0.0.9:2883',
  proxySessionId: '12884901890',
};

export const sleeping: Session = {
  ...base,
  key: '10.0.0.6:2882#3221487617',
  id: '3221487617',
  user: 'report',
  source: '10.1.2.4:40000',
  timeSeconds: 300,
  observer: '10.0.0.6:2882',
  otherObservers: ['10.0.0.7:2882'],
};

export const guarded: Session = {
  ...base,
  key: '10.0.0.5:2882#7',
  id: '7',
  user: 'root',
  source: '127.0.0.1:3300',
  database: 'oceanbase',
  command: 'Query',
  timeSeconds: 0.5,
  status: 'ACTIVE',
  sqlPreview: 'SELECT * FROM GV$OB_PROCESSLIST',
  observer: '10.0.0.5:2882',
  protected: true,
  protectedReason: "a connection of the session service's own pool",
};

export const SESSIONS = [activeLong, sleeping, guarded];

export const TENANTS: Tenant[] = [tenant('trade', ['read', 'kill']), tenant('pay', ['read'])];

function tenant(id: string, rights: Tenant['rights']): Tenant {
  return {
    clusterId: 'prod-1',
    clusterName: 'Production 1',
    tenantId: id,
    tenantName: id,
    dialect: 'oceanbase',
    serverVersion: '4.2.5.1',
    rights,
  };
}

export function pageOf(rows: Session[], total = rows.length): SessionPage {
  return {
    rows,
    total,
    counts: { all: total, active: rows.filter((r) => r.status === 'ACTIVE').length },
    capturedAt: '2026-11-24T02:30:00.000Z',
    dialect: 'oceanbase',
    visibility: 'all',
    serverVersion: '5.7.25-OceanBase-v4.2.5.1',
    truncated: false,
  };
}

/** Two audit records of tenant trade, newest first. */
export const AUDIT: AuditRecord[] = [
  {
    id: 'a2',
    time: '2026-11-24T02:29:00.000Z',
    operator: 'alice',
    clusterId: 'prod-1',
    tenantId: 'trade',
    sessionKey: activeLong.key,
    sessionId: activeLong.id,
    user: activeLong.user,
    source: activeLong.source,
    database: activeLong.database,
    sql: activeLong.sqlPreview,
    sqlTruncated: true,
    kind: 'query',
    outcome: 'killed',
    message: null,
  },
  {
    id: 'a1',
    time: '2026-11-24T02:20:00.000Z',
    operator: 'bob',
    clusterId: 'prod-1',
    tenantId: 'trade',
    sessionKey: '10.0.0.5:2882#42',
    sessionId: '42',
    user: 'batch',
    source: '10.1.2.9:40001',
    database: null,
    sql: null,
    sqlTruncated: false,
    kind: 'session',
    outcome: 'denied',
    message: 'grant it CONNECTION ADMIN',
  },
];
