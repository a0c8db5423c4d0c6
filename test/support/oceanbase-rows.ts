import type { ObRow } from './oceanbase';

export const LONG_UPDATE = `UPDATE orders SET status = 'X', note = '${'n'.repeat(300)}' WHERE created_at < '2024-01-01'`;

/**
 * Rows shaped as OceanBase's documentation shows them (values invented): tenant mysql001 on three
 * observers 10.0.0.11/12/13 (RPC 2882, SQL 2881), OBProxy at 10.0.1.5, a second tenant t_other,
 * and sys's proxyro.
 */
// biome-ignore format: one fixture row per line
export const OB_ROWS: ObRow[] = [
  { svrIp: '10.0.0.11', id: '3221487622', user: 'root', host: '10.0.2.7:49451', db: 'test', command: 'Sleep', time: 631.462197, state: 'SLEEP', userClientIp: '10.0.2.7', userClientPort: 49451, transState: 'ACTIVE' },
  { svrIp: '10.0.0.11', id: '3221487623', user: 'root', host: '10.0.2.7:14422', db: 'NULL', command: 'Query', time: 0.005717, state: 'ACTIVE', info: 'SELECT * FROM oceanbase.GV$OB_PROCESSLIST', userClientIp: '10.0.2.7', userClientPort: 14422, sqlId: '2E175335D36600B7A8EC72C5094888DD', traceId: 'YB420A000B0C-00062F4AE96D63E9-0-0' },
  { svrIp: '10.0.0.12', id: '3221553159', user: 'app_rw', host: '10.0.1.5:38210', db: 'shop', command: 'Query', time: 187.204113, state: 'ACTIVE', info: LONG_UPDATE, proxySessid: '756006681247547396', userClientIp: '172.16.4.21', sqlId: '6F1C0B2A9D3E4F5061728394A5B6C7D8', traceId: 'YB420A000B0D-00062F4AE96D6400-0-0', transState: 'ACTIVE' },
  { svrIp: '10.0.0.12', id: '3221553160', user: 'app_ro', host: '10.0.1.5:38244', db: 'shop', command: 'Sleep', time: 42, state: 'SLEEP', proxySessid: '756006681247547401', userClientIp: '172.16.4.22' },
  { svrIp: '10.0.0.13', id: '3221618701', user: 'app_rw', host: '10.0.1.5:40112', db: 'shop', command: 'Execute', time: 12.75, state: 'ACTIVE', info: 'SELECT /*+ parallel(4) */ count(*) FROM order_items', proxySessid: '756006681247547410', userClientIp: '172.16.4.21', sqlId: '0A1B2C3D4E5F60718293A4B5C6D7E8F9', traceId: 'YB420A000B0E-00062F4AE96D6411-0-0' },
  { svrIp: '10.0.0.13', id: '3221618702', user: 'report', host: '10.0.2.9:51022', db: 'dw', command: 'Query', time: 3.1, state: 'QUERY_KILLED', info: 'SELECT * FROM big_fact ORDER BY ts', userClientIp: '10.0.2.9', userClientPort: 51022, sqlId: '11223344556677889900AABBCCDDEEFF' },
  { svrIp: '10.0.0.11', id: '3221487650', user: 'app_rw', host: '10.0.1.5:38301', db: 'shop', command: 'Sleep', time: 900.3, state: 'SESSION_KILLED', proxySessid: '756006681247547422', userClientIp: '172.16.4.23' },
  // A client session id (< 2^31) standing on two observers: one session, folded.
  { svrIp: '10.0.0.13', id: '1073741890', user: 'app_rw', host: '10.0.1.5:40200', db: 'shop', command: 'Sleep', time: 5.5, state: 'SLEEP', proxySessid: '756006681247547430', userClientIp: '172.16.4.24' },
  { svrIp: '10.0.0.12', id: '1073741890', user: 'app_rw', host: '10.0.1.5:40199', db: 'shop', command: 'Query', time: 2.25, state: 'ACTIVE', info: 'SELECT * FROM orders WHERE id = 42 FOR UPDATE', proxySessid: '756006681247547430', userClientIp: '172.16.4.24', sqlId: 'AA00BB11CC22DD33EE44FF5566778899', transState: 'ACTIVE' },
  // Ids above 2^32 (exactly, through the wire).
  { svrIp: '10.0.0.12', id: '18446744073709551615', user: 'app_batch', host: '10.0.2.10:60001', db: 'shop', command: 'Sleep', time: 77, state: 'SLEEP', userClientIp: '10.0.2.10', userClientPort: 60001 },
  { svrIp: '10.0.0.13', id: '4294967296', user: 'app_batch', host: '10.0.2.10:60002', db: 'shop', command: 'Query', time: 61.5, state: 'ACTIVE', info: 'DELETE FROM cart WHERE expires_at < NOW()', userClientIp: '10.0.2.10', userClientPort: 60002, sqlId: '99887766554433221100FFEEDDCCBBAA' },
  // An inner session of the server.
  { svrIp: '10.0.0.11', id: '3221487700', user: 'root', host: '127.0.0.1:2882', db: 'NULL', command: 'Daemno', time: 10_000, state: 'ACTIVE', userClientIp: '127.0.0.1' },
  // Another tenant, and sys's OBProxy metadata account.
  { svrIp: '10.0.0.11', id: '3221487800', user: 'etl', host: '10.0.3.3:5000', db: 'stage', tenant: 't_other', command: 'Query', time: 30, state: 'ACTIVE', info: 'INSERT INTO stage.t SELECT 1', userClientIp: '10.0.3.3', userClientPort: 5000 },
  { svrIp: '10.0.0.12', id: '3221553300', user: 'etl', host: '10.0.3.3:5001', db: 'stage', tenant: 't_other', command: 'Sleep', time: 8, state: 'SLEEP', userClientIp: '10.0.3.3', userClientPort: 5001 },
  { svrIp: '10.0.0.11', id: '3221487900', user: 'proxyro', host: '10.0.1.5:41000', db: 'oceanbase', tenant: 'sys', command: 'Sleep', time: 3, state: 'SLEEP', userClientIp: '10.0.1.5', userClientPort: 41000 },
];
