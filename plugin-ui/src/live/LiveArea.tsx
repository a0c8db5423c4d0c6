import type { ReactNode } from 'react';
import { RowMarksContext } from './marks';
import type { Live } from './useLive';

/** Around the table: where the operator's pointer and focus hold the live refresh, and the rows' marks. */
export function LiveArea({ live, children }: { live: Live; children: ReactNode }) {
  const stale = live.view.source?.phase === 'retrying';
  return (
    <div className={stale ? 'tsp-live-area tsp-live-stale' : 'tsp-live-area'} {...live.area}>
      <RowMarksContext value={live.view.marks}>{children}</RowMarksContext>
    </div>
  );
}
