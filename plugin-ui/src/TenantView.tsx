import type { Session, TenantRef } from '@tenant-sessions/contracts';
import { useMemo, useState } from 'react';
import { useCloseFlow } from './actions/useCloseFlow';
import { problemOf } from './api/errors';
import { AuditPanel } from './audit/AuditPanel';
import { ConfirmClose } from './dialogs/ConfirmClose';
import { SqlDialog } from './dialogs/SqlDialog';
import type { Formatters } from './format';
import { useT } from './i18n/useT';
import { BulkDialogs } from './selection/BulkDialogs';
import { SelectionBar } from './selection/SelectionBar';
import { useBulkClose } from './selection/useBulkClose';
import { useFollowPage } from './selection/useFollowPage';
import { useSelection } from './selection/useSelection';
import { Notice } from './status/Notice';
import { StatePanel } from './status/StatePanel';
import { FilterChips } from './table/FilterChips';
import { Pager } from './table/Pager';
import { SessionGrid } from './table/SessionGrid';
import { useSessionsTable } from './table/useSessionsTable';
import type { KillRight } from './tenants/killRight';
import { Toolbar } from './toolbar/Toolbar';

type Props = { tenant: TenantRef; tenantName: string; killRight: KillRight; fmt: Formatters };

/** The sessions of one tenant: toolbar, notices, table, pager and the two dialogs. */
export function TenantView({ tenant, tenantName, killRight, fmt }: Props) {
  const t = useT();
  const killRefused = killRight.allowed ? null : killRight.why;
  const [viewing, setViewing] = useState<Session | null>(null);
  const close = useCloseFlow(tenant, tenantName);
  const notice = close.notice?.(t);
  const { ask } = close;
  const meta = useMemo(
    () => ({ fmt, t, killRefused, onViewSql: setViewing, onClose: ask }),
    [fmt, t, killRefused, ask],
  );
  const selection = useSelection();
  const bulk = useBulkClose(tenant, tenantName);
  const { table, page, input, filtered, activeOnly, setActiveOnly } = useSessionsTable(
    tenant,
    meta,
    selection.table,
  );
  useFollowPage(selection, page.data, input);
  const rows = page.data?.rows.length ?? 0;

  return (
    <section className="tsp-tenant" aria-label={t('tenant.region', { tenant: tenantName })}>
      <Toolbar
        page={page.data}
        fmt={fmt}
        activeOnly={activeOnly}
        onActiveOnly={setActiveOnly}
        refreshing={page.isFetching}
        onRefresh={() => page.refetch()}
      />
      <FilterChips table={table} />
      <SelectionBar
        page={page.data}
        input={input}
        selection={selection}
        bulk={bulk}
        canKill={killRight.allowed}
      />
      {page.data?.visibility === 'own-sessions-only' && (
        <Notice tone="info">{t('notice.ownSessionsOnly')}</Notice>
      )}
      {page.data?.truncated && (
        <Notice tone="warning">{t('notice.truncated', { count: page.data.counts.all })}</Notice>
      )}
      {!killRight.allowed && killRight.known && <Notice tone="info">{killRight.why}</Notice>}
      {notice && (
        <Notice tone={notice.tone} onDismiss={close.dismiss} toast>
          {notice.text}
        </Notice>
      )}
      {page.isError ? (
        <StatePanel
          kind="error"
          problem={problemOf(page.error, tenantName, t)}
          onRetry={() => page.refetch()}
        />
      ) : page.isPending ? (
        <StatePanel kind="loading" />
      ) : rows === 0 && !filtered ? (
        <StatePanel kind="empty" filtered={filtered} />
      ) : (
        <SessionGrid table={table} busy={page.isFetching} />
      )}
      {!page.isError && <Pager table={table} />}
      <AuditPanel tenant={tenant} tenantName={tenantName} fmt={fmt} />
      {viewing && (
        <SqlDialog
          tenant={tenant}
          tenantName={tenantName}
          session={viewing}
          onClose={() => setViewing(null)}
        />
      )}
      <BulkDialogs bulk={bulk} selection={selection} fmt={fmt} />
      {close.target && (
        <ConfirmClose
          target={close.target}
          busy={close.busy}
          onConfirm={close.confirm}
          onCancel={close.cancel}
        />
      )}
    </section>
  );
}
