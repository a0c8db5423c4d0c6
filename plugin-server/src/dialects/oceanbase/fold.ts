import type { Session } from '@tenant-sessions/contracts';

/**
 * One row per session id: the same ID on several observers (4.2.5+ client session ids) is one
 * session, shown once and closed once. The ACTIVE row leads (else the first listed); the other
 * observers go to `otherObservers`, sorted. The folded row keeps the leading row's place.
 */
export const foldSessions = (sessions: Session[]): Session[] => {
  const byId = new Map<string, Session[]>();
  for (const session of sessions) {
    const group = byId.get(session.id);
    if (group) group.push(session);
    else byId.set(session.id, [session]);
  }
  return [...byId.values()].map((group) => {
    const lead = group.find((s) => s.status === 'ACTIVE') ?? (group[0] as Session);
    if (group.length === 1) return lead;
    const others = group.filter((s) => s !== lead).flatMap((s) => (s.observer === null ? [] : [s.observer]));
    return { ...lead, otherObservers: [...new Set(others)].sort() };
  });
};
