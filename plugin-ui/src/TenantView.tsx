import type { Session, TenantRef } from '@tenant-sessions/contracts';
import { useMemo, useState } from 'react';
import { useCloseFlow } from './actions/useCloseFlow';
import { problemOf } from './api/errors';
import { AuditPanel } from './audit/AuditPanel';
import { SessionDetails } from './details/SessionDetails';
import { ConfirmClose } from './dialogs/ConfirmClose';
import { SqlDialog } from './dialogs/SqlDialog';
import type { Formatters } from './format';
import { useT } from './i18n/useT';
import { BlockersFilter } from './locks/BlockersFilter';
import { ChainPanel } from './locks/ChainPanel';
import { LocksContext, locksOf } from './locks/LocksContext';
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
  const [chainOf, setChainOf] = useState<Session | null>(null);
  const [detailed, setDetailed] = useState<Session | null>(null);
  const close = useCloseFlow(tenant, tenantName);
  const notice = close.notice?.(t);
  const { ask } = close;
  const meta = useMemo(
    () => ({
      fmt,
      t,
      killRefused,
      onViewSql: setViewing,
      onClose: ask,
      onDetails: setDetailed,
      onLockChain: setChainOf,
    }),
    [fmt, t, killRefused, ask],
  );
  const { table, page, filtered, activeOnly, setActiveOnly, blockers, setBlockers } = useSessionsTable(
    tenant,
    meta,
  );
  const rows = page.data?.rows.length ?? 0;
  const locks = locksOf(page.data?.locks);

  return (
    <section className="tsp-tenant" aria-label={t('tenant.region', { tenant: tenantName })}>
      <Toolbar
        page={page.data}
        fmt={fmt}
        activeOnly={activeOnly}
        onActiveOnly={setActiveOnly}
        refreshing={page.isFetching}
        onRefresh={() => page.refetch()}
        filters={<BlockersFilter on={blockers} onChange={setBlockers} locks={locks} />}
      />
      <FilterChips table={table} />
      {chainOf && (
        <ChainPanel
          key={chainOf.key}
          tenant={tenant}
          tenantName={tenantName}
          root={chainOf}
          onShow={(id) => {
            setBlockers(false);
            table.getColumn('id')?.setFilterValue(id);
          }}
          onDismiss={() => setChainOf(null)}
        />
      )}
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
        <LocksContext.Provider value={locks}>
          <SessionGrid table={table} busy={page.isFetching} />
        </LocksContext.Provider>
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
      {detailed && (
        <SessionDetails
          key={detailed.key}
          tenant={tenant}
          tenantName={tenantName}
          session={page.data?.rows.find((r) => r.key === detailed.key) ?? detailed}
          listed={!page.data || page.data.rows.some((r) => r.key === detailed.key)}
          fmt={fmt}
          killRefused={killRefused}
          onCloseSession={ask}
          onDismiss={() => setDetailed(null)}
        />
      )}
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
