import type { Session } from '@tenant-sessions/contracts';
import { useT } from '../i18n/useT';
import { Dash } from './cells';

/** The SQL ID column's cell: the server's SQL ID, else the statement digest (said so on hover). */
export function SqlIdCell({ session }: { session: Session }) {
  const t = useT();
  if (session.sqlId) return <>{session.sqlId}</>;
  if (session.sqlDigest) return <span title={t('stats.digest')}>{session.sqlDigest}</span>;
  return <Dash />;
}
