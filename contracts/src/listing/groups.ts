import type { GroupBy, Session } from '../sessions';

/**
 * The client's host without its port: `10.0.0.7:4100` → `10.0.0.7`, `[::1]:5000` → `::1`. A
 * value with no port stays as it is, and so does a bare IPv6 address (two colons or more: its port,
 * if any, cannot be told from its last group). Empty (no address known) is null.
 */
export const hostOf = (source: string): string | null => {
  if (source === '') return null;
  if (source.startsWith('[')) {
    const end = source.indexOf(']');
    return end > 0 ? source.slice(1, end) : source;
  }
  const colon = source.indexOf(':');
  if (colon < 0 || colon !== source.lastIndexOf(':')) return source;
  for (let i = colon + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c < 48 || c > 57) return source;
  }
  return colon + 1 < source.length ? source.slice(0, colon) : source;
};

/** The statement a session runs, as statistics group it: its SQL ID, else its digest; null: none. */
export const sqlKeyOf = (session: Pick<Session, 'sqlId' | 'sqlDigest'>): string | null =>
  session.sqlId ?? session.sqlDigest ?? null;

/**
 * The value a session counts under in a statistics row of kind `by`. The `group` filter of a list
 * keeps exactly the sessions whose value equals the row's: one rule decides both.
 */
export const groupValueOf = (by: GroupBy, session: Session): string | null => {
  switch (by) {
    case 'user':
      return session.user;
    case 'source':
      return hostOf(session.source);
    case 'database':
      return session.database;
    case 'sql':
      return sqlKeyOf(session);
  }
};
