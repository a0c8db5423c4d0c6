import { functionalUpdate, type RowSelectionState, type Updater } from '@tanstack/react-table';
import type { Session, SessionPage } from '@tenant-sessions/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TableSelection } from '../table/useSessionsTable';

/**
 * The sessions selected for a bulk close, by session key (TanStack Table's row selection, whose
 * row ids are the keys): kept across paging, sorting and refreshes. Each selected session is
 * remembered as last seen (the confirmation shows it, and `expected` is sent from it). A refresh
 * of the same list that no longer shows a selected session it showed before drops it from the
 * selection, and `dropped` counts those.
 */
export function useSelection() {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [dropped, setDropped] = useState(0);
  const known = useRef(new Map<string, Session>());
  const shown = useRef<{ listKey: string; keys: Set<string> } | null>(null);
  const [page, follow] = useState<{ page: SessionPage | undefined; listKey: string }>({
    page: undefined,
    listKey: '',
  });

  // Read by the effect below, not followed: only a new page decides what left.
  const current = useRef(rowSelection);
  current.current = rowSelection;

  const onRowSelectionChange = useCallback((updater: Updater<RowSelectionState>) => {
    setRowSelection((old) => functionalUpdate(updater, old));
  }, []);

  useEffect(() => {
    const { listKey } = page;
    const selected = current.current;
    const rows = page.page?.rows;
    if (!rows) return;
    const keys = new Set(rows.map((row) => row.key));
    for (const row of rows) if (selected[row.key]) known.current.set(row.key, row);
    const before = shown.current;
    shown.current = { listKey, keys };
    if (!before || before.listKey !== listKey) return;
    const left = [...before.keys].filter((key) => selected[key] && !keys.has(key));
    if (left.length === 0) return;
    setRowSelection((old) => {
      const next = { ...old };
      for (const key of left) delete next[key];
      return next;
    });
    for (const key of left) known.current.delete(key);
    setDropped((n) => n + left.length);
  }, [page]);

  const selectedKeys = useMemo(() => Object.keys(rowSelection), [rowSelection]);

  return {
    table: { rowSelection, onRowSelectionChange } satisfies TableSelection,
    /** Each page the table shows (and the list input it answers, as a string). */
    follow,
    count: selectedKeys.length,
    dropped,
    /** The selected sessions as last seen (the page's rows are remembered when selected). */
    sessions: (): Session[] => {
      for (const row of page.page?.rows ?? []) if (rowSelection[row.key]) known.current.set(row.key, row);
      return selectedKeys.flatMap((key) => {
        const session = known.current.get(key);
        return session ? [session] : [];
      });
    },
    /** Adds sessions to the selection (Select all matching: the preview's closable sessions). */
    add: (sessions: Session[]) => {
      for (const s of sessions) known.current.set(s.key, s);
      setRowSelection((old) => {
        const next = { ...old };
        for (const s of sessions) next[s.key] = true;
        return next;
      });
    },
    /** Takes these keys out of the selection (closed ones, after a bulk close). */
    remove: (keys: string[]) => {
      setRowSelection((old) => {
        const next = { ...old };
        for (const key of keys) delete next[key];
        return next;
      });
      for (const key of keys) known.current.delete(key);
    },
    clear: () => {
      setRowSelection({});
      setDropped(0);
      known.current.clear();
    },
  };
}
export type Selection = ReturnType<typeof useSelection>;
