import { makeSessionKey, parseSessionKey, type Session } from '@tenant-sessions/contracts';
import type { SeenSessions } from '../snapshots/read';
import { type Outcome, outcome } from './outcomes';

/** One named key of a close call: refused, a KILL of its own, or the same session as an earlier key. */
export type Step = {
  sessionKey: string;
  /** The session the key names in the fresh read (after folding), if any. */
  session: Session | undefined;
  /** Set when nothing is to be sent for it (a refusal), then by the KILL's answer. */
  outcome: Outcome | undefined;
  /** The index of the earlier step naming the same session (one KILL for both), else -1. */
  sameAs: number;
};

/** What a close call will do, decided before anything is sent. */
export type Plan = {
  /** One per named key, in the order named. */
  steps: Step[];
  /** The indexes of the steps to take in order: each a refusal to record or a KILL to send. */
  work: number[];
  /** How many KILLs the plan sends. */
  kills: number;
};

export type PlanInput = {
  /** The tenant's address (host:port), for the messages. */
  address: string;
  sessionKeys: string[];
  /** The fresh read, finished (protected marked, folded): see sessions/snapshot.ts. */
  fresh: Session[];
  /** What the caller saw of each session, by key; else `lastSeen` is the reference. */
  expected: Record<string, { user: string; source: string }> | undefined;
  /** What the tenant's last list showed. */
  lastSeen: SeenSessions | undefined;
};

/** Every key a session answers to: its own, and its id on each other observer it was folded from. */
export const byEveryKey = (sessions: Session[]): Map<string, Session> => {
  const map = new Map<string, Session>();
  for (const session of sessions) {
    for (const observer of session.otherObservers) map.set(makeSessionKey(observer, session.id), session);
    map.set(session.key, session);
  }
  return map;
};

/** Why nothing is sent for this key, or null when the KILL may go. */
export const refusal = (
  key: string,
  session: Session | undefined,
  { address, expected, lastSeen }: Pick<PlanInput, 'address' | 'expected' | 'lastSeen'>,
): Outcome | null => {
  if (!session) {
    const { id } = parseSessionKey(key);
    return outcome(
      'not_found',
      `Session ${id} is not on ${address} any more (or not visible to the sidecar's account)`,
      'not_found.gone',
      { id, address },
    );
  }
  const { id } = session;
  if (session.protected) {
    const reason = session.protectedReason ?? '';
    return outcome('protected', `Never closed from here: ${reason}`, 'protected', { id, reason });
  }
  const seen = expected?.[key] ?? lastSeen?.get(key);
  if (seen && (seen.user !== session.user || seen.source !== session.source))
    return outcome(
      'changed',
      `Session ${id} now belongs to ${session.user} from ${session.source}, not ${seen.user} from ${seen.source}: refresh the list`,
      'changed.owner',
      {
        id,
        user: session.user,
        source: session.source,
        expectedUser: seen.user,
        expectedSource: seen.source,
      },
    );
  return null;
};

/**
 * The plan of a close call, in the order named: refusals (vanished, protected, changed), one KILL
 * per session (a folded session once, whichever of its keys are named), and the keys naming a
 * session already in the plan, answered after that session's KILL. Pure: nothing is sent.
 */
export const planClose = (input: PlanInput): Plan => {
  const fresh = byEveryKey(input.fresh);
  const firstOf = new Map<string, number>();
  const work: number[] = [];
  let kills = 0;
  const steps: Step[] = input.sessionKeys.map((sessionKey, index) => {
    const session = fresh.get(sessionKey);
    const step: Step = {
      sessionKey,
      session,
      outcome: refusal(sessionKey, session, input) ?? undefined,
      sameAs: -1,
    };
    const earlier = session && !step.outcome ? firstOf.get(session.key) : undefined;
    if (earlier !== undefined) step.sameAs = earlier;
    else {
      if (session && !step.outcome) {
        firstOf.set(session.key, index);
        kills += 1;
      }
      work.push(index);
    }
    return step;
  });
  return { steps, work, kills };
};

/** The outcome of a key naming the same session as an earlier one: that KILL's. */
export const sameSessionOutcome = (first: Step): Outcome | undefined =>
  first.outcome &&
  outcome(
    first.outcome.outcome,
    `The same session as ${first.sessionKey}, on another observer: one KILL was sent for both`,
    'same_session',
    { id: first.session?.id ?? parseSessionKey(first.sessionKey).id, firstKey: first.sessionKey },
  );
