import { type PreviewQuery, previewSessions, type SessionPreview } from '@tenant-sessions/contracts';
import type { BoundedSnapshot } from './store';

/**
 * sessions.preview: the dry run of a close by filter over one snapshot (the contract's
 * `previewSessions`, shared with the demo: the list's filters and sort, protected sessions left
 * out and counted, at most `limit`), with the snapshot's time. Nothing is read or closed.
 */
export const previewOf = (snapshot: BoundedSnapshot, query: PreviewQuery): SessionPreview => ({
  capturedAt: snapshot.capturedAt,
  ...previewSessions(snapshot.sessions, query),
});
