import type { KillKind, Session, TenantRef } from '@tenant-sessions/contracts';
import { useCallback, useRef, useState } from 'react';
import { problemOf, sayProblem } from '../api/errors';
import { useKill } from '../api/queries';
import type { CloseTarget } from '../dialogs/ConfirmClose';
import type { Translate } from '../i18n/messages';
import { type CloseNotice, noticeOfOutcome } from './outcomes';

/**
 * Close Session / Close Current Query: ask (target), send the key with what the operator saw of
 * it (so a reused id answers `changed`), and tell the outcome. The notice is worded when shown, so
 * it follows a switch of language.
 */
type Worded = (t: Translate) => CloseNotice;

export function useCloseFlow(tenant: TenantRef, tenantName: string) {
  const kill = useKill();
  const [target, setTarget] = useState<CloseTarget | null>(null);
  const [notice, setNotice] = useState<Worded | null>(null);

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
      const result = report.results.find((r) => r.sessionKey === session.key);
      setNotice(() => (t: Translate) => noticeOfOutcome(kind, session, result, t));
    } catch (error) {
      setNotice(
        () =>
          (t: Translate): CloseNotice => ({
            tone: 'error',
            text: sayProblem(problemOf(error, tenantName, t), t),
          }),
      );
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
