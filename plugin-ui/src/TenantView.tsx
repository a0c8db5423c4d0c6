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
import { LiveArea } from './live/LiveArea';
import { LiveControl, LiveTrouble } from './live/LiveControl';
import { useLive } from './live/useLive';
import { BlockersFilter } from './locks/BlockersFilter';
import { ChainPanel } from './locks/ChainPanel';
import { LocksContext, locksOf } from './locks/LocksContext';
import { BulkDialogs } from './selection/BulkDialogs';
import { SelectionBar } from './selection/SelectionBar';
import { useBulkClose } from './selection/useBulkClose';
import { useFollowPage } from './selection/useFollowPage';
import { useSelection } from './selection/useSelection';
import { DrillChip } from './stats/DrillChip';
import { StatsView } from './stats/StatsView';
import type { TabView } from './stats/ViewTabs';
import { Notice } from './status/Notice';
import { StatePanel } from './status/StatePanel';
import { FilterChips } from './table/FilterChips';
import { Pager } from './table/Pager';
import { SessionGrid } from './table/SessionGrid';
import { useSessionsTable } from './table/useSessionsTable';
import type { KillRight } from './tenants/killRight';
import { ExportButton } from './toolbar/ExportButton';
import { Toolbar } from './toolbar/Toolbar';
import { linkedViewOf, tableStateOf } from './url/tableView';
import { useReportView } from './url/useReportView';
import type { LinkedView } from './url/viewQuery';

/** What the list reports of its view for the page's URL (url/). */
export type ListView = ReturnType<typeof linkedViewOf> & { refreshMs?: number };

type Props = {
  tenant: TenantRef;
  tenantName: string;
  killRight: KillRight;
  fmt: Formatters;
  /** Tenant Session (the list) or Session Statistics; the frame keeps it across tenants. */
  view?: TabView;
  onView?: (view: TabView) => void;
  /** The view a link opened (url/): the table starts from it. */
  linked?: Partial<LinkedView>;
  /** Told the table's view on every change (url/: written into the page's URL). */
  onListView?: (view: ListView) => void;
  /** Holds the live refresh still (rows selected, for one). */
  paused?: boolean;
};

/** The sessions of one tenant: toolbar, notices, table, pager and the dialogs; or its statistics. */
export function TenantView({
  tenant,
  tenantName,
  killRight,
  fmt,
  view = 'list',
  onView,
  linked,
  onListView,
  paused = false,
}: Props) {
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
  const [initial] = useState(() => tableStateOf(linked ?? {}));
  const selection = useSelection();
  const bulk = useBulkClose(tenant, tenantName);
  const {
    table,
    page,
    filtered,
    activeOnly,
    setActiveOnly,
    drill,
    openDrill,
    clearDrill,
    input,
    state,
    blockers,
    setBlockers,
  } = useSessionsTable(tenant, meta, initial, selection.table);
  useFollowPage(selection, page.data, input);
  const live = useLive(
    input,
    paused || selection.count > 0 || viewing !== null || close.target !== null,
    view === 'list',
    linked?.refreshMs,
  );
  // The link keeps the refresh interval once it is the view's own (the link's, or chosen here).
  useReportView(
    { ...linkedViewOf(state), ...(live.ownInterval > 0 ? { refreshMs: live.ownInterval } : {}) },
    onListView,
  );
  const rows = page.data?.rows.length ?? 0;
  const locks = locksOf(page.data?.locks);

  return (
    <section
      className="tsp-tenant"
      aria-label={t(view === 'stats' ? 'stats.region' : 'tenant.region', { tenant: tenantName })}
    >
      {view === 'stats' && (
        <StatsView
          tenant={tenant}
          tenantName={tenantName}
          fmt={fmt}
          activeOnly={activeOnly}
          onActiveOnly={setActiveOnly}
          onDrill={(next, onlyActive) => {
            openDrill(next, onlyActive);
            onView?.('list');
          }}
        />
      )}
      {view === 'list' && (
        <Toolbar
          page={page.data}
          fmt={fmt}
          activeOnly={activeOnly}
          onActiveOnly={setActiveOnly}
          refreshing={page.isFetching}
          onRefresh={() => page.refetch()}
          live={<LiveControl live={live.view} onInterval={live.setInterval} />}
          filters={<BlockersFilter on={blockers} onChange={setBlockers} locks={locks} />}
          actions={
            <ExportButton
              kind="sessions"
              input={input}
              tenantName={tenantName}
              hint={t('export.sessionsHint')}
            />
          }
        />
      )}
      {view === 'list' && (
        <LiveTrouble live={live.view} tenantName={tenantName} fmt={fmt} capturedAt={page.data?.capturedAt} />
      )}
      {view === 'list' && <DrillChip drill={drill} onClear={clearDrill} />}
      {view === 'list' && <FilterChips table={table} />}
      {view === 'list' && (
        <SelectionBar
          page={page.data}
          input={input}
          selection={selection}
          bulk={bulk}
          canKill={killRight.allowed}
        />
      )}
      {view === 'list' && chainOf && (
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
      {view === 'list' && page.data?.visibility === 'own-sessions-only' && (
        <Notice tone="info">{t('notice.ownSessionsOnly')}</Notice>
      )}
      {view === 'list' && page.data?.truncated && (
        <Notice tone="warning">{t('notice.truncated', { count: page.data.counts.all })}</Notice>
      )}
      {!killRight.allowed && killRight.known && <Notice tone="info">{killRight.why}</Notice>}
      {notice && (
        <Notice tone={notice.tone} onDismiss={close.dismiss} toast>
          {notice.text}
        </Notice>
      )}
      {view === 'stats' ? null : page.isError ? (
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
          <LiveArea live={live}>
            <SessionGrid table={table} busy={page.isFetching} />
          </LiveArea>
        </LocksContext.Provider>
      )}
      {view === 'list' && !page.isError && <Pager table={table} />}
      {view === 'list' && <AuditPanel tenant={tenant} tenantName={tenantName} fmt={fmt} />}
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
