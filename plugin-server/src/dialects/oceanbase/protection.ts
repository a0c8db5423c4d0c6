import type { Session } from '@tenant-sessions/contracts';

/**
 * OceanBase sessions never killed from here (own connections are the caller's rule):
 * - commands no client sends: `Daemno` (sic, OceanBase's background sessions), `Daemon`,
 *   `Delete session`, `Binlog dump` / `Binlog dump gtid` (a binlog service reading);
 * - OBProxy's metadata account `proxyro`: killing it cuts the proxy's view of the cluster.
 * OCP's own accounts are left to the operator: they are ordinary clients.
 */
export const obProtectedReason = ({ user, command }: Session): string | null => {
  if (command === 'Daemno' || command === 'Daemon') return `an inner session of OceanBase (${command})`;
  if (command === 'Delete session') return 'an inner session of OceanBase (Delete session)';
  if (/^binlog dump/i.test(command)) return `a binlog service reading the log (${command})`;
  if (user === 'proxyro') return "OBProxy's metadata account (proxyro)";
  return null;
};
