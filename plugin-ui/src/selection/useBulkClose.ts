import { useQueryClient } from '@tanstack/react-query';
import {
  type KillInput,
  type KillKind,
  type KillResult,
  LIMITS,
  type ListInput,
  type RecordedFilter,
  type Session,
  type TenantRef,
} from '@tenant-sessions/contracts';
import { useRef, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { problemOf, sayProblem } from '../api/errors';
import { queryKeys } from '../api/queries';
import type { Translate } from '../i18n/messages';

/** What the confirmation shows: every session to be closed, and what is skipped and why. */
export type BulkPlan = {
  kind: KillKind;
  sessions: Session[];
  expected: Record<string, { user: string; source: string }>;
  skipped: { protected: number; beyondLimit: number; gone: number };
  /** A close by filter: the filters its preview was asked with (recorded by the audit). */
  filter?: RecordedFilter;
  limit: number;
};

/** What came of a bulk close: each result, and why it stopped early if it did. */
export type BulkReport = {
  kind: KillKind;
  total: number;
  results: KillResult[];
  sessions: Map<string, Session>;
  callIds: string[];
  cancelled: boolean;
  /** Worded when shown (follows a switch of language); null when every call was answered. */
  stopped: ((t: Translate) => string) | null;
};

export const PREVIEW_MAX = 1000;
/**
 * Calls of a bulk close in flight at once. One: the progress and Cancel are exact, and two at once
 * measured no faster on a loaded two-core machine (README, "Performance").
 */
export const CALLS_IN_FLIGHT = 1;

const filterOf = (input: ListInput): RecordedFilter => {
  const { activeOnly, user, source, database, sessionId, sql, sqlId, group, blockers } = input;
  const all = {
    activeOnly: activeOnly ?? false,
    user,
    source,
    database,
    sessionId,
    sql,
    sqlId,
    group,
    blockers,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as RecordedFilter;
};

/**
 * Close many at once: the confirmation is the plan (a selection, or sessions.preview of the
 * current filters); on confirm exactly the planned keys are sent with their `expected`, in calls
 * of at most 100, one after the other, with progress; Cancel stops further calls (the one in
 * flight is answered and reported); a refused call (the rate limit, say) stops the rest. The tenant's lists refresh once, at the end.
 */
export function useBulkClose(tenant: TenantRef, tenantName: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [problem, setProblem] = useState<((t: Translate) => string) | null>(null);
  const cancelled = useRef(false);

  const askSelection = (kind: KillKind, sessions: Session[], gone: number) => {
    const expected = Object.fromEntries(sessions.map((s) => [s.key, { user: s.user, source: s.source }]));
    setReport(null);
    setPlan({
      kind,
      sessions,
      expected,
      skipped: { protected: 0, beyondLimit: 0, gone },
      limit: PREVIEW_MAX,
    });
  };

  /** sessions.preview of the list's filters (its sort orders the answer; paging is ignored). */
  const preview = async (input: ListInput) => {
    const { pageIndex: _p, pageSize: _s, ...rest } = input;
    return api.preview({ ...rest, limit: PREVIEW_MAX });
  };

  const askFilter = async (kind: KillKind, input: ListInput) => {
    setReport(null);
    setProblem(null);
    setPreviewing(true);
    try {
      const answer = await preview(input);
      setPlan({
        kind,
        sessions: answer.sessions,
        expected: answer.expected,
        skipped: { ...answer.skipped, gone: 0 },
        filter: filterOf(input),
        limit: PREVIEW_MAX,
      });
    } catch (error) {
      setProblem(() => (t: Translate) => sayProblem(problemOf(error, tenantName, t), t));
    } finally {
      setPreviewing(false);
    }
  };

  const confirm = async (): Promise<BulkReport | null> => {
    if (!plan || progress) return null;
    cancelled.current = false;
    const keys = plan.sessions.map((s) => s.key);
    const results: KillResult[] = [];
    const callIds: string[] = [];
    let stopped: BulkReport['stopped'] = null;
    setProgress({ done: 0, total: keys.length });
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += LIMITS.maxKillKeys)
      chunks.push(keys.slice(i, i + LIMITS.maxKillKeys));
    let next = 0;
    // Takes the next call until none is left, Cancel was clicked, or a call failed.
    const worker = async () => {
      while (next < chunks.length && !cancelled.current && !stopped) {
        const sessionKeys = chunks[next++] as string[];
        const input: KillInput = {
          ...tenant,
          sessionKeys,
          expected: Object.fromEntries(
            sessionKeys.map((k) => [k, plan.expected[k] as { user: string; source: string }]),
          ),
          ...(plan.filter ? { filter: plan.filter } : {}),
        };
        try {
          const answer = await api.kill(plan.kind, input);
          results.push(...answer.results);
          if (answer.callId) callIds.push(answer.callId);
        } catch (error) {
          stopped ??= (t: Translate) => sayProblem(problemOf(error, tenantName, t), t);
          break;
        }
        setProgress({ done: results.length, total: keys.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CALLS_IN_FLIGHT, chunks.length) }, worker));
    const done: BulkReport = {
      kind: plan.kind,
      total: keys.length,
      results,
      sessions: new Map(plan.sessions.map((s) => [s.key, s])),
      callIds,
      cancelled: cancelled.current && results.length < keys.length,
      stopped,
    };
    setProgress(null);
    setPlan(null);
    setReport(done);
    await queryClient.invalidateQueries({ queryKey: queryKeys.sessions(tenant.clusterId, tenant.tenantId) });
    return done;
  };

  return {
    plan,
    previewing,
    progress,
    report,
    problem,
    askSelection,
    askFilter,
    preview,
    confirm,
    /** Before sending: closes the confirmation. While sending: no further call is started (those in flight are answered). */
    cancel: () => {
      if (progress) cancelled.current = true;
      else setPlan(null);
    },
    dismissReport: () => setReport(null),
    dismissProblem: () => setProblem(null),
  };
}
export type BulkClose = ReturnType<typeof useBulkClose>;
