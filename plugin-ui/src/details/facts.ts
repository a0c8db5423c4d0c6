import type { Session } from '@tenant-sessions/contracts';
import type { Formatters } from '../format';
import type { MessageKey } from '../i18n/messages';

/**
 * What the details panel lists of a session, in order: each value as text, null when the
 * sidecar knows none. Transaction age and blockers are listed only when the session carries
 * them (docs/api.md: fields a newer sidecar adds).
 */
export type Fact = { key: string; label: MessageKey; value: string | null };

/** Fields a newer sidecar's Session carries (docs/api.md); absent on older ones. */
type Newer = { transactionSeconds?: number | null; blockedBy?: readonly string[]; blocking?: number };

const listOf = (values: readonly string[]) => (values.length ? values.join(', ') : null);

export function factsOf(session: Session, fmt: Formatters): Fact[] {
  const s: Session & Newer = session;
  const facts: Array<Fact | false> = [
    { key: 'id', label: 'column.id', value: s.id },
    { key: 'user', label: 'column.user', value: s.user },
    { key: 'source', label: 'column.source', value: s.source },
    { key: 'database', label: 'column.database', value: s.database },
    { key: 'command', label: 'column.command', value: s.command },
    { key: 'time', label: 'column.time', value: fmt.seconds(s.timeSeconds) },
    { key: 'status', label: 'column.status', value: s.status },
    { key: 'state', label: 'details.state', value: s.state },
    { key: 'observer', label: 'column.observer', value: s.observer },
    { key: 'otherObservers', label: 'details.otherObservers', value: listOf(s.otherObservers) },
    { key: 'obproxy', label: 'column.obproxy', value: s.obproxy },
    { key: 'proxySessionId', label: 'details.proxySessionId', value: s.proxySessionId },
    { key: 'traceId', label: 'details.traceId', value: s.traceId },
    { key: 'sqlId', label: 'details.sqlId', value: s.sqlId },
    { key: 'transactionState', label: 'details.transactionState', value: s.transactionState },
    'transactionSeconds' in s && {
      key: 'transactionSeconds',
      label: 'details.transactionAge',
      value: s.transactionSeconds == null ? null : fmt.seconds(s.transactionSeconds),
    },
    Array.isArray(s.blockedBy) && {
      key: 'blockedBy',
      label: 'details.blockedBy',
      value: listOf(s.blockedBy),
    },
    typeof s.blocking === 'number' && {
      key: 'blocking',
      label: 'details.blocking',
      value: fmt.count(s.blocking),
    },
    s.protected && { key: 'protectedReason', label: 'details.protectedReason', value: s.protectedReason },
  ];
  return facts.filter((f): f is Fact => f !== false);
}
