import type { Connection } from 'mysql2/promise';
import { createObView } from '../support/oceanbase';

/** A user name for fixture row `i`: app_rw 40 %, app_ro 25 %, report 10 %, batch_etl 8 %, admin_ops 2 %, svc_N the rest. */
export const userOf = (i: number): string => {
  const r = i % 100;
  if (r < 40) return 'app_rw';
  if (r < 65) return 'app_ro';
  if (r < 75) return 'report';
  if (r < 83) return 'batch_etl';
  if (r < 85) return 'admin_ops';
  return `svc_${i % 37}`;
};

/** How many of the first `count` fixture rows a user search for `needle` matches. */
export const matching = (count: number, needle: string): number => {
  let n = 0;
  for (let i = 0; i < count; i++) if (userOf(i).includes(needle)) n++;
  return n;
};

const COLUMNS = [
  'SVR_IP',
  'SVR_PORT',
  'SQL_PORT',
  'ID',
  'USER',
  'HOST',
  'DB',
  'TENANT',
  'COMMAND',
  'TIME',
  'TOTAL_TIME',
  'STATE',
  'INFO',
  'PROXY_SESSID',
  'USER_CLIENT_IP',
  'SQL_ID',
  'TRACE_ID',
  'TRANS_STATE',
  'USER_CLIENT_PORT',
  'PROXY_USER',
];

/** Fixture row `i` shaped as GV$OB_PROCESSLIST shows a busy tenant: 3 observers, 2/3 through OBProxy, 10 % active. */
export const rowOf = (i: number): unknown[] => {
  const active = i % 10 === 0;
  const proxied = i % 3 !== 0;
  const clientIp = `172.16.${(i >> 8) & 255}.${i & 255}`;
  const time = ((i * 7919) % 3600) + (i % 1000) / 1000;
  const sql = active
    ? `SELECT o.order_id, o.buyer_id, SUM(i.amount) FROM orders o JOIN order_items i ON i.order_id = o.order_id WHERE o.buyer_id = ${i} GROUP BY o.order_id`
    : null;
  return [
    `10.0.0.${11 + (i % 3)}`,
    2882,
    2881,
    String(3221487617 + i),
    userOf(i),
    proxied ? `10.0.1.5:${30000 + (i % 30000)}` : `${clientIp}:${40000 + (i % 20000)}`,
    ['shop', 'dw', 'stage', 'pay'][i % 4],
    'mysql001',
    active ? 'Query' : 'Sleep',
    time,
    time,
    active ? 'ACTIVE' : 'SLEEP',
    sql,
    proxied ? String(756006681247547396n + BigInt(i)) : null,
    clientIp,
    active ? (i * 2654435761).toString(16).toUpperCase().padStart(32, '0').slice(-32) : '',
    active ? `YB420A000B0C-00062F4AE96D${(i % 65536).toString(16).padStart(4, '0')}-0-0` : null,
    active ? 'ACTIVE' : '',
    proxied ? 0 : 40000 + (i % 20000),
    '',
  ];
};

/** Creates `oceanbase`.`GV$OB_PROCESSLIST` (4.3 columns) on the fixture's own server. */
export const createFixture = (admin: Connection) => createObView(admin, '4.3');

/** Adds fixture rows `from` .. `to - 1`, a thousand per statement. */
export const fillFixture = async (admin: Connection, from: number, to: number): Promise<void> => {
  for (let start = from; start < to; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, to - start) }, (_, k) => rowOf(start + k));
    await admin.query(`INSERT INTO oceanbase.\`GV$OB_PROCESSLIST\` (${COLUMNS.join(', ')}) VALUES ?`, [rows]);
  }
};
