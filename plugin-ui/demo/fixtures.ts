import { type Session, sessionDigest, type Tenant } from '@tenant-sessions/contracts';

/**
 * The demo's OceanBase-shaped world: two clusters, several observers, sessions through OBProxy
 * or direct, ACTIVE and SLEEP, long SQL, 64-bit ids, one id standing on two observers.
 */
export type DemoTenant = Omit<Tenant, 'rights'> & {
  unreachable?: string;
  visibility?: 'all' | 'own-sessions-only';
  versionText: string;
};

export const DEMO_TENANTS: DemoTenant[] = [
  ob('trade', '4.2.5.1'),
  ob('pay', '4.2.5.1'),
  {
    ...ob('legacy', '4.2.1.8'),
    dialect: null,
    serverVersion: null,
    unreachable: 'connect ETIMEDOUT 10.0.3.9:2881',
  },
  {
    clusterId: 'dev',
    clusterName: 'Development',
    tenantId: 'app',
    tenantName: 'app',
    dialect: 'mysql',
    serverVersion: '8.0.36',
    versionText: '8.0.36',
    visibility: 'own-sessions-only',
  },
];

function ob(id: string, version: string): DemoTenant {
  return {
    clusterId: 'prod-1',
    clusterName: 'Production 1',
    tenantId: id,
    tenantName: id,
    dialect: 'oceanbase',
    serverVersion: version,
    versionText: `5.7.25-OceanBase-v${version}`,
  };
}

const OBSERVERS = ['10.0.1.11:2882', '10.0.1.12:2882', '10.0.1.13:2882'];
const PROXY = '10.0.1.20:2883';

/** `{n}` stands for a literal that changes from session to session (same statement, other literals). */
const STATEMENTS = [
  'SELECT order_id, status, amount FROM orders WHERE buyer_id = ? ORDER BY created_at DESC LIMIT 20',
  "UPDATE inventory SET stock = stock - 1 WHERE sku_id = {n} AND warehouse_id = 'HZ-03'",
  'INSERT INTO payment_log (payment_id, order_id, channel, amount, created_at) VALUES (?, ?, ?, ?, NOW())',
  `SELECT /*+ PARALLEL(8) */ d.region,
       DATE_FORMAT(o.created_at, '%Y-%m') AS month,
       COUNT(DISTINCT o.buyer_id)          AS buyers,
       SUM(i.amount * i.quantity)          AS revenue
  FROM orders o
  JOIN order_items i ON i.order_id = o.order_id
  JOIN districts d   ON d.district_id = o.district_id
 WHERE o.created_at >= '2025-01-01'
   AND o.status IN ('PAID', 'SHIPPED', 'DONE')
 GROUP BY d.region, month
 ORDER BY d.region, month`,
  'DELETE FROM cart_items WHERE updated_at < DATE_SUB(NOW(), INTERVAL {n} DAY) LIMIT 5000',
  'SELECT COUNT(*) FROM oceanbase.GV$OB_SQL_AUDIT WHERE tenant_id = 1002 AND elapsed_time > 1000000',
];

/** OceanBase names a statement by its SQL ID (one per statement, whatever its literals). */
const SQL_IDS = [
  '8F2C4E6A1B3D5F7092A4C6E8B0D2F416',
  '3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B',
  'C1E3A5B7D9F1A3C5E7B9D1F3A5C7E9B1',
  '5B7D9F1A3C5E7B9D1F3A5C7E9B1D3F5A',
  'E7B9D1F3A5C7E9B1D3F5A7C9E1B3D5F7',
  '9D1F3A5C7E9B1D3F5A7C9E1B3D5F7A9C',
];

/** A statement of the list with its literals drawn, and the SQL ID OceanBase gives it. */
function statement(index: number, literal: number): { sql: string; sqlId: string } | null {
  const text = STATEMENTS[index];
  const sqlId = SQL_IDS[index];
  return text && sqlId ? { sql: text.replace('{n}', String(literal)), sqlId } : null;
}

const USERS = ['app_trade', 'app_trade', 'app_order', 'report_ro', 'etl_job'];
const DATABASES = ['trade', 'trade', 'order_db', 'report', null];

/** A small deterministic generator, so the demo looks the same on every load. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoSession = Session & {
  startedAt: number;
  sql: string | null;
  killAnswer?: 'denied' | 'error';
};

/** Where a server has no SQL ID, the sidecar keeps the statement's digest, computed once per read. */
export const withDigest = <S extends Pick<Session, 'sqlId'> & { sql: string | null }>(session: S) => ({
  ...session,
  sqlDigest: session.sqlId ? null : sessionDigest(session.sql),
});

const blank = {
  state: null,
  proxySessionId: null,
  traceId: null,
  sqlId: null,
  transactionState: null,
  protected: false,
  protectedReason: null,
  otherObservers: [],
  // Sessions and locks: no transaction, waiting on no one, no one waiting.
  transactionSeconds: null,
  blockedBy: [],
  blocking: 0,
} satisfies Partial<Session>;

export function makeSession(
  fields: Partial<DemoSession> & Pick<Session, 'id' | 'user' | 'source'> & { observer: string },
  now: number,
  ageSeconds: number,
): DemoSession {
  const sql = fields.sql ?? null;
  const status = fields.status ?? (sql ? 'ACTIVE' : 'SLEEP');
  return withDigest({
    ...blank,
    database: null,
    obproxy: null,
    command: status === 'ACTIVE' ? 'Query' : 'Sleep',
    ...fields,
    key: `${fields.observer}#${fields.id}`,
    status,
    sql,
    sqlPreview: sql ? sql.slice(0, 256) : null,
    sqlTruncated: (sql?.length ?? 0) > 256,
    timeSeconds: ageSeconds,
    startedAt: now - ageSeconds * 1000,
  });
}

/** The sessions of one demo tenant, as of `now`. */
export function demoSessions(tenantId: string, now: number): DemoSession[] {
  if (tenantId === 'app') {
    return [1, 2, 3].map((n) =>
      makeSession(
        {
          id: String(4100 + n),
          user: 'sessions_sidecar',
          source: `10.0.9.4:${40110 + n}`,
          observer: '10.0.9.4:3306',
          database: 'app',
          protected: true,
          protectedReason: "a connection of the session service's own pool",
        },
        now,
        n * 2.5,
      ),
    );
  }
  const count = tenantId === 'trade' ? 137 : 23;
  const next = random(tenantId === 'trade' ? 7 : 11);
  const rows: DemoSession[] = [];
  for (let i = 0; i < count; i += 1) {
    const active = next() < 0.32;
    const viaProxy = next() < 0.6;
    const user = USERS[Math.floor(next() * USERS.length)] ?? 'app_trade';
    const running = active
      ? statement(Math.floor(next() * STATEMENTS.length), 1 + Math.floor(next() * 90000))
      : null;
    rows.push(
      makeSession(
        {
          id: String(3221225472 + i * 7919 + Math.floor(next() * 7000)),
          user,
          source: `10.2.${Math.floor(next() * 40)}.${Math.floor(next() * 250) + 2}:${40000 + Math.floor(next() * 20000)}`,
          observer: OBSERVERS[i % OBSERVERS.length] ?? '10.0.1.11:2882',
          obproxy: viaProxy ? PROXY : null,
          proxySessionId: viaProxy ? String(12884901888 + i) : null,
          database: DATABASES[Math.floor(next() * DATABASES.length)] ?? null,
          sql: running?.sql ?? null,
          sqlId: running?.sqlId ?? null,
          transactionState: active && next() < 0.4 ? 'ACTIVE' : null,
        },
        now,
        Math.round((active ? next() * 40 : next() * 3600) * 10) / 10,
      ),
    );
  }
  return [...rows, ...specialSessions(tenantId, now)];
}

/**
 * The sessions worth showing off: 64-bit ids, one id on two observers, protected, refusals, an
 * account named in Greek capitals (its final Σ lowercases to ς).
 */
function specialSessions(tenantId: string, now: number): DemoSession[] {
  const longSql = `${STATEMENTS[3]}\n${'-- batch window: nightly settlement, part of job settle_orders_v2\n'.repeat(4)}`;
  const max = makeSession(
    {
      id: '18446744073709551615',
      user: 'etl_job',
      source: '10.2.7.31:52011',
      observer: OBSERVERS[0] ?? '',
      obproxy: PROXY,
      database: 'report',
      sql: longSql,
      sqlId: SQL_IDS[3] ?? null,
    },
    now,
    1843.7,
  );
  const twice = makeSession(
    {
      id: '3221487617',
      user: 'app_order',
      source: '10.2.3.17:40877',
      observer: OBSERVERS[1] ?? '',
      obproxy: PROXY,
      database: 'order_db',
      ...statement(1, 88231),
      otherObservers: [OBSERVERS[2] ?? ''],
    },
    now,
    96.2,
  );
  const inner = makeSession(
    {
      id: '1',
      user: 'root',
      source: '127.0.0.1:2882',
      observer: OBSERVERS[0] ?? '',
      database: 'oceanbase',
      command: 'Daemon',
      status: 'ACTIVE',
      sql: 'SELECT * FROM __all_virtual_tenant_parameter',
      sqlId: '0B1D3F5A7C9E1B3D5F7A9C1E3B5D7F90',
      protected: true,
      protectedReason: 'an OceanBase inner session (background work of the observer)',
    },
    now,
    86400,
  );
  const sidecar = makeSession(
    {
      id: '3221487700',
      user: 'sessions_sidecar',
      source: '10.0.9.4:40112',
      observer: OBSERVERS[2] ?? '',
      database: 'oceanbase',
      protected: true,
      protectedReason: "a connection of the session service's own pool",
    },
    now,
    0.4,
  );
  const guarded = makeSession(
    {
      id: '3221490001',
      user: 'audit_admin',
      source: '10.2.0.5:41001',
      observer: OBSERVERS[1] ?? '',
      database: 'trade',
      ...statement(0, 0),
      killAnswer: 'denied',
    },
    now,
    12.9,
  );
  const flaky = makeSession(
    {
      id: '3221500001',
      user: 'app_trade',
      source: '10.2.9.99:47001',
      observer: OBSERVERS[2] ?? '',
      obproxy: PROXY,
      database: 'trade',
      ...statement(4, 30),
      killAnswer: 'error',
    },
    now,
    33.3,
  );
  const greek = makeSession(
    {
      id: '3221490777',
      user: 'ΠΩΛΗΣΕΙΣ',
      source: '10.2.5.40:45012',
      observer: OBSERVERS[0] ?? '',
      database: 'order_db',
    },
    now,
    640,
  );
  return tenantId === 'trade'
    ? [max, twice, inner, sidecar, guarded, flaky, greek, ...lockChain(now)]
    : [max, inner];
}

/**
 * Who blocks whom, as the sidecar reports it: a sleeping session that updated an order 10 minutes
 * ago and never committed; two updates of that order wait on it, and a third waits on the first of
 * them (holder -> waiter -> waiter): the holder blocks 3.
 */
function lockChain(now: number): DemoSession[] {
  const at = (id: string) => `${OBSERVERS[1] ?? ''}#${id}`;
  const waiter = (id: string, blockedBy: string, seconds: number, orderId: number, source: string) =>
    makeSession(
      {
        id,
        user: 'app_trade',
        source,
        observer: OBSERVERS[1] ?? '',
        obproxy: PROXY,
        database: 'trade',
        sql: `UPDATE orders SET status = 'PAID', paid_at = NOW() WHERE order_id = ${orderId}`,
        transactionState: 'ACTIVE',
        transactionSeconds: seconds + 0.4,
        blockedBy: [blockedBy],
      },
      now,
      seconds,
    );
  const holder = makeSession(
    {
      id: '3221495001',
      user: 'app_order',
      source: '10.2.4.12:43310',
      observer: OBSERVERS[1] ?? '',
      obproxy: PROXY,
      database: 'trade',
      transactionState: 'ACTIVE',
      transactionSeconds: 612.4,
      blocking: 3,
    },
    now,
    598.1,
  );
  const first = { ...waiter('3221495002', at('3221495001'), 41.2, 88231, '10.2.4.20:40101'), blocking: 1 };
  return [
    holder,
    first,
    waiter('3221495003', at('3221495001'), 39.8, 88231, '10.2.4.21:40102'),
    waiter('3221495004', at('3221495002'), 12.5, 88231, '10.2.4.22:40103'),
  ];
}
