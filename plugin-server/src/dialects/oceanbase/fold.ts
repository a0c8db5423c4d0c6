import type { Session } from '@tenant-sessions/contracts';

/**
 * One row per session id: the same ID on several observers (4.2.5+ client session ids) is one
 * session, shown once and closed once. The ACTIVE row leads (else the first listed); the other
 * observers go to `otherObservers`, sorted. The folded row keeps the place of its id's first row.
 * With no id listed twice the list itself is answered (no copy); only repeated ids are grouped.
 */
export const foldSessions = (sessions: Session[]): Session[] => {
  const firstAt = new Map<string, number>();
  let repeated: Map<string, Session[]> | undefined;
  for (let i = 0; i < sessions.length; i++) {
    const session = sessions[i] as Session;
    const first = firstAt.get(session.id);
    if (first === undefined) {
      firstAt.set(session.id, i);
      continue;
    }
    repeated ??= new Map();
    const group = repeated.get(session.id);
    if (group) group.push(session);
    else repeated.set(session.id, [sessions[first] as Session, session]);
  }
  if (!repeated) return sessions;
  const folded: Session[] = [];
  for (let i = 0; i < sessions.length; i++) {
    const session = sessions[i] as Session;
    const group = repeated.get(session.id);
    if (!group) folded.push(session);
    else if (firstAt.get(session.id) === i) {
      const lead = group.find((s) => s.status === 'ACTIVE') ?? session;
      const others = group
        .filter((s) => s !== lead)
        .flatMap((s) => (s.observer === null ? [] : [s.observer]));
      folded.push({ ...lead, otherObservers: [...new Set(others)].sort() });
    }
  }
  return folded;
};
