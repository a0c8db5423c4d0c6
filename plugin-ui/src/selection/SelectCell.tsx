import type { Row, Table } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import { useEffect, useRef } from 'react';
import type { Features, SessionsTableMeta } from '../table/features';

/**
 * A row's checkbox, named "Select session {id}". Protected rows, and every row for an operator
 * without the kill right, get a disabled box whose description says why (the Protected badge's
 * reason, or the missing right).
 */
export function SelectCell({
  row,
  meta,
}: {
  row: Row<Features, Session>;
  meta: SessionsTableMeta | undefined;
}) {
  if (!meta) return null;
  const session = row.original;
  const why =
    meta.killRefused ??
    (session.protected ? (session.protectedReason ?? meta.t('actions.protectedDefault')) : null);
  const label = meta.t('bulk.select', { id: session.id });
  return (
    <input
      type="checkbox"
      className="tsp-select"
      aria-label={label}
      title={why ? meta.t('bulk.cannotSelect', { id: session.id, why }) : label}
      aria-description={why ?? undefined}
      disabled={why !== null}
      checked={row.getIsSelected()}
      onChange={(event) => row.toggleSelected(event.target.checked)}
    />
  );
}

/** The header's box: "Select all on this page" takes the page's closable rows (mixed when some are). */
export function SelectPageHeader({ table }: { table: Table<Features, Session> }) {
  const box = useRef<HTMLInputElement>(null);
  const meta = table.options.meta;
  const all = table.getIsAllPageRowsSelected();
  const some = table.getIsSomePageRowsSelected();
  const closable = table.getRowModel().rows.some((row) => row.getCanSelect());
  useEffect(() => {
    if (box.current) box.current.indeterminate = some && !all;
  }, [some, all]);
  if (!meta) return null;
  return (
    <input
      ref={box}
      type="checkbox"
      className="tsp-select"
      aria-label={meta.t('bulk.selectPage')}
      title={meta.t('bulk.selectPage')}
      disabled={!closable}
      checked={all && closable}
      onChange={(event) => table.toggleAllPageRowsSelected(event.target.checked)}
    />
  );
}
