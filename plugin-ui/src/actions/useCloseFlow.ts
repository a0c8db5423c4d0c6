import type { KillKind, Session, TenantRef } from '@tenant-sessions/contracts';
import { useCallback, useRef, useState } from 'react';
import { problemOf } from '../api/errors';
import { useKill } from '../api/queries';
import type { CloseTarget } from '../dialogs/ConfirmClose';
import { type CloseNotice, noticeOfOutcome } from './outcomes';

/**
 * Close Session / Close Current Query: ask (target), send the key with what the operator saw of
 * it (so a reused id answers `changed`), and tell the outcome.
 */
export function useCloseFlow(tenant: TenantRef, tenantName: string) {
  const kill = useKill();
  const [target, setTarget] = useState<CloseTarget | null>(null);
  const [notice, setNotice] = useState<CloseNotice | null>(null);

  // Stable, so that the rows (memoized) do not render again with every render of the tab.
  const ask = useCallback((session: Session, kind: KillKind) => {
    setNotice(null);
    setTarget({ session, kind });
  }, []);

  // Set at once on the first click: `busy` disables Confirm only once the mutation's state has
  // rendered, and a quick double click would otherwise send the close twice.
  const sending = useRef(false);

  const confirm = async () => {
    if (!target || sending.current) return;
    sending.current = true;
    const { session, kind } = target;
    const input = {
      ...tenant,
      sessionKeys: [session.key],
      expected: { [session.key]: { user: session.user, source: session.source } },
    };
    try {
      const report = await kill.mutateAsync({ kind, input });
      setNotice(
        noticeOfOutcome(
          kind,
          session,
          report.results.find((r) => r.sessionKey === session.key),
        ),
      );
    } catch (error) {
      const problem = problemOf(error, tenantName);
      setNotice({
        tone: 'error',
        text: problem.detail ? `${problem.title}: ${problem.detail}` : problem.title,
      });
    } finally {
      sending.current = false;
      setTarget(null);
    }
  };

  return {
    target,
    busy: kill.isPending,
    notice,
    ask,
    confirm,
    cancel: () => setTarget(null),
    dismiss: () => setNotice(null),
  };
}
