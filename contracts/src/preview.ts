import { z } from 'zod';
import { sessionFilter } from './listing/filter';
import { sortSessions } from './listing/sort';
import { type ListQuery, listInput, type Session, session } from './sessions';

/** The most sessions one close by filter previews (and so closes): ten calls of LIMITS.maxKillKeys. */
export const PREVIEW_LIMIT = { max: 1000, default: 1000 } as const;

/**
 * The filters of a list (its sort and paging aside), as a close by filter records them on every
 * audit record of its calls (docs/api.md, "Audit").
 */
export const sessionFilters = listInput.pick({
  activeOnly: true,
  user: true,
  source: true,
  database: true,
  sessionId: true,
  sql: true,
  sqlId: true,
  group: true,
  blockers: true,
});
export type SessionFiltersInput = z.input<typeof sessionFilters>;
export type RecordedFilter = z.output<typeof sessionFilters>;

/**
 * `sessions.preview` input: a list's input (its filters decide; its sort orders the answer; its
 * paging is ignored) and how many sessions at most to preview.
 */
export const previewInput = listInput
  .extend({
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(PREVIEW_LIMIT.max, `must be at most ${PREVIEW_LIMIT.max}`)
      .default(PREVIEW_LIMIT.default),
  })
  .strict();
export type PreviewInput = z.input<typeof previewInput>;
export type PreviewQuery = z.output<typeof previewInput>;

/** What the caller saw of one session: sent back with sessions.kill as `expected`. */
export const expectedOwner = z.object({ user: z.string(), source: z.string() });

/** `sessions.preview` output: the dry run of a close by filter (docs/api.md). */
export const sessionPreview = z.object({
  capturedAt: z.string(),
  /** Sessions the filters match, before the limit (protected ones included). */
  matched: z.number().int().min(0),
  /** The closable ones, at most `limit`, in the list's sort order. */
  sessions: z.array(session),
  /** Who each previewed session is, by key: to send with sessions.kill / killQuery. */
  expected: z.record(z.string(), expectedOwner),
  skipped: z.object({
    /** Matched, but never closed from here. */
    protected: z.number().int().min(0),
    /** Closable, but past the limit. */
    beyondLimit: z.number().int().min(0),
  }),
});
export type SessionPreview = z.infer<typeof sessionPreview>;

/** What a preview computes from a tenant's sessions; the snapshot's time goes beside it. */
export type PreviewedSessions<S extends Session = Session> = Omit<
  SessionPreview,
  'capturedAt' | 'sessions'
> & {
  sessions: S[];
};

/**
 * The dry run of a close by filter, pure (the sidecar's and the demo's): the list's filters
 * (`sessionFilter`, the same rule as sessions.list), protected sessions left out and counted,
 * the rest in the list's sort order, cut at `limit`.
 */
export const previewSessions = <S extends Session>(
  sessions: readonly S[],
  query: Pick<ListQuery, 'sort' | 'blockers'> & Parameters<typeof sessionFilter>[0] & { limit: number },
): PreviewedSessions<S> => {
  const keep = sessionFilter(query);
  const closable: S[] = [];
  let matched = 0;
  let protectedCount = 0;
  for (const s of sessions) {
    if (!keep(s)) continue;
    matched++;
    if (s.protected) protectedCount++;
    else closable.push(s);
  }
  const chosen = sortSessions(closable, query.sort, query.blockers === true).slice(0, query.limit);
  const expected: Record<string, { user: string; source: string }> = {};
  for (const s of chosen) expected[s.key] = { user: s.user, source: s.source };
  return {
    matched,
    sessions: chosen,
    expected,
    skipped: { protected: protectedCount, beyondLimit: closable.length - chosen.length },
  };
};
