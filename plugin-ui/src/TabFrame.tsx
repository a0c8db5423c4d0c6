import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { problemOf } from './api/errors';
import { useTenants } from './api/queries';
import { makeFormatters } from './format';
import { useT } from './i18n/useT';
import { type TabView, ViewTabs } from './stats/ViewTabs';
import { StatePanel } from './status/StatePanel';
import { type ListView, TenantView } from './TenantView';
import { readKillRight } from './tenants/killRight';
import { TenantPicker } from './tenants/TenantPicker';
import { LinkNotice } from './url/LinkNotice';
import { useUrlView } from './url/useUrlView';

type Props = { clusterId: string; tenantId?: string; locale?: string; urlState?: boolean };

/**
 * The Tenant Session tab. Entry 1 names the tenant; entry 2 (no `tenantId`) shows a picker fed by
 * `tenants.list`. Another tenant gives a fresh table (its own searches, sort and page). The view
 * is kept in the page's URL unless `urlState` is false (url/): a link opens the same view.
 */
export function TabFrame({ clusterId, tenantId, locale, urlState = true }: Props) {
  const t = useT();
  const fmt = useMemo(() => makeFormatters(locale), [locale]);
  const tenants = useTenants(clusterId);
  const url = useUrlView(urlState);
  const [picked, setPicked] = useState<string | undefined>(url.linked.tenantId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: Back / Forward (a new generation) brings the link's tenant
  useEffect(() => setPicked(url.linked.tenantId), [url.generation]);
  // Tenant Session or Session Statistics: kept when another tenant is picked; a link may open either.
  const [view, setView] = useState<TabView>(url.linked.view ?? 'list');
  // biome-ignore lint/correctness/useExhaustiveDependencies: Back / Forward (a new generation) brings the link's view
  useEffect(() => setView(url.linked.view ?? 'list'), [url.generation]);
  const panelId = useId();
  const list = tenants.data ?? [];
  const chosen = tenantId ?? (list.some((t) => t.tenantId === picked) ? picked : list[0]?.tenantId);
  const linkedTenant = url.linked.tenantId;
  const strayTenant =
    !tenantId &&
    tenants.isSuccess &&
    linkedTenant !== undefined &&
    !list.some((t) => t.tenantId === linkedTenant)
      ? `ts.tenant=${linkedTenant}`
      : null;
  const { publish } = url;
  const onListView = useCallback(
    (listView: ListView) =>
      publish({
        ...listView,
        ...(tenantId || !chosen ? {} : { tenantId: chosen }),
        ...(view === 'list' ? {} : { view }),
      }),
    [publish, tenantId, chosen, view],
  );
  const info = list.find((t) => t.tenantId === chosen);
  const name = info?.tenantName ?? chosen ?? '';
  const tenant = useMemo(() => (chosen ? { clusterId, tenantId: chosen } : null), [clusterId, chosen]);

  return (
    <>
      <header className="tsp-head">
        <h2 className="tsp-title">{t('tab.title')}</h2>
        {!tenantId && list.length > 0 && <TenantPicker tenants={list} value={chosen} onChange={setPicked} />}
        {tenantId && <span className="tsp-tenant-name">{name}</span>}
      </header>
      <LinkNotice
        ignored={strayTenant ? [...url.ignored, strayTenant] : url.ignored}
        onDismiss={url.dismissIgnored}
      />
      {tenant ? (
        <>
          <ViewTabs view={view} onChange={setView} panelId={panelId} />
          <div role="tabpanel" id={panelId} aria-labelledby={`${panelId}-${view}`}>
            <TenantView
              key={`${tenant.clusterId}/${tenant.tenantId}#${url.generation}`}
              tenant={tenant}
              tenantName={name}
              killRight={readKillRight(tenants, info, name, t)}
              fmt={fmt}
              view={view}
              onView={setView}
              linked={
                tenantId || linkedTenant === undefined || chosen === linkedTenant ? url.linked : undefined
              }
              onListView={onListView}
            />
          </div>
        </>
      ) : tenants.isError ? (
        <StatePanel
          kind="error"
          problem={problemOf(tenants.error, clusterId, t)}
          onRetry={() => tenants.refetch()}
        />
      ) : tenants.isPending ? (
        <StatePanel kind="loading" />
      ) : (
        <div className="tsp-state">{t('tab.noTenant', { clusterId })}</div>
      )}
    </>
  );
}
