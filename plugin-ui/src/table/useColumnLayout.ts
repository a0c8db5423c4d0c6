import {
  type ColumnOrderState,
  type ColumnVisibilityState,
  functionalUpdate,
  type Updater,
} from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ColumnPrefs, NO_PREFS, readPrefs, writePrefs } from './columnPrefs';
import { defaultVisibility, FIXED_COLUMNS, LEADING_COLUMNS, LOCKS_FROM, WIDE_FROM } from './layout';

type Width = 'unknown' | 'narrow' | 'wide' | 'widest';
const WIDTHS: Record<Width, number> = { unknown: 0, narrow: 1, wide: WIDE_FROM, widest: LOCKS_FROM };

/** What the column menu and the grid use of the layout (through the table's meta). */
export type ColumnLayout = {
  /** Forget the operator's choices: the layout's defaults for the tab's width again. */
  reset: () => void;
  /** Whether the operator changed anything (Reset columns is offered then). */
  changed: boolean;
  /** A ref for the box whose width decides the default columns (the grid's scroll box). */
  measure: (element: HTMLElement | null) => void;
};

const FIXED: readonly string[] = FIXED_COLUMNS;
const LEADING: readonly string[] = LEADING_COLUMNS;
/** The fixed columns stay at their edge (the leading ones first, the rest last), whatever order is asked for. */
const withFixedAtEdges = (order: string[], all: readonly string[]) =>
  order.length === 0
    ? []
    : [
        ...all.filter((id) => LEADING.includes(id)),
        ...order.filter((id) => !FIXED.includes(id)),
        // Those the order does not name keep their default place after it, before the trailing ones.
        ...all.filter((id) => !FIXED.includes(id) && !order.includes(id)),
        ...all.filter((id) => FIXED.includes(id) && !LEADING.includes(id)),
      ];

/**
 * Column visibility and order as TanStack Table state: the layout's defaults for the tab's width
 * (measured with a ResizeObserver), overridden by what the operator chose in the column menu,
 * which is remembered per browser (columnPrefs.ts).
 */
export function useColumnLayout(allIds: readonly string[]) {
  const [prefs, setPrefs] = useState<ColumnPrefs>(() => readPrefs(allIds));
  const [width, setWidth] = useState<Width>('unknown');

  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => ({ ...defaultVisibility(WIDTHS[width]), ...prefs.visibility }),
    [width, prefs.visibility],
  );
  // A stored order (of an earlier version, say) keeps the fixed columns at their edges too.
  const columnOrder = useMemo<ColumnOrderState>(
    () => withFixedAtEdges(prefs.order, allIds),
    [prefs.order, allIds],
  );

  const save = useCallback((next: (old: ColumnPrefs) => ColumnPrefs) => {
    setPrefs((old) => {
      const prefs = next(old);
      writePrefs(prefs);
      return prefs;
    });
  }, []);

  const onColumnVisibilityChange = (updater: Updater<ColumnVisibilityState>) => {
    const next = functionalUpdate(updater, columnVisibility);
    const chosen = Object.fromEntries(
      Object.entries(next).filter(([id, shown]) => !FIXED.includes(id) && columnVisibility[id] !== shown),
    );
    save((old) => ({ ...old, visibility: { ...old.visibility, ...chosen } }));
  };
  const onColumnOrderChange = (updater: Updater<ColumnOrderState>) => {
    const current = columnOrder.length ? columnOrder : [...allIds];
    save((old) => ({ ...old, order: withFixedAtEdges(functionalUpdate(updater, current), allIds) }));
  };

  const observer = useRef<ResizeObserver | null>(null);
  const measure = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element || typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(([entry]) => {
      const px = entry?.contentRect.width ?? 0;
      if (px > 0) setWidth(px >= LOCKS_FROM ? 'widest' : px >= WIDE_FROM ? 'wide' : 'narrow');
    });
    observer.current.observe(element);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);

  const changed = Object.keys(prefs.visibility).length > 0 || prefs.order.length > 0;
  const layout = useMemo<ColumnLayout>(
    () => ({ reset: () => save(() => NO_PREFS), changed, measure }),
    [save, changed, measure],
  );

  return { columnVisibility, columnOrder, onColumnVisibilityChange, onColumnOrderChange, layout };
}
