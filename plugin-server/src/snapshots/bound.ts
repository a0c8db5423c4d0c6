import type { Session } from '@tenant-sessions/contracts';

/**
 * At most `max` sessions: when there are more, the ACTIVE ones are kept first, then the longest
 * running, and the cut is flagged.
 */
export const boundSessions = (
  sessions: Session[],
  max: number,
): { sessions: Session[]; truncated: boolean } => {
  if (sessions.length <= max) return { sessions, truncated: false };
  const kept = [...sessions]
    .sort(
      (a, b) =>
        Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE') || b.timeSeconds - a.timeSeconds,
    )
    .slice(0, max);
  return { sessions: kept, truncated: true };
};
