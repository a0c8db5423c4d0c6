import { useId, useMemo, useState } from 'react';
import { problemOf } from './api/errors';
import { useTenants } from './api/queries';
import { makeFormatters } from './format';
import { useT } from './i18n/useT';
import { type TabView, ViewTabs } from './stats/ViewTabs';
import { StatePanel } from './status/StatePanel';
import { TenantView } from './TenantView';
import { readKillRight } from './tenants/killRight';
import { TenantPicker } from './tenants/TenantPicker';

type Props = { clusterId: string; tenantId?: string; locale?: string };

/**
 * The Tenant Session tab. Entry 1 names the tenant; entry 2 (no `tenantId`) shows a picker fed by
 * `tenants.list`. Another tenant gives a fresh table (its own searches, sort and page).
 */
export function TabFrame({ clusterId, tenantId, locale }: Props) {
  const t = useT();
  const fmt = useMemo(() => makeFormatters(locale), [locale]);
  const tenants = useTenants(clusterId);
  const [picked, setPicked] = useState<string>();
  // Tenant Session or Session Statistics: kept when another tenant is picked.
  const [view, setView] = useState<TabView>('list');
  const panelId = useId();
  const list = tenants.data ?? [];
  const chosen = tenantId ?? (list.some((t) => t.tenantId === picked) ? picked : list[0]?.tenantId);
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
      {tenant ? (
        <>
          <ViewTabs view={view} onChange={setView} panelId={panelId} />
          <div role="tabpanel" id={panelId} aria-labelledby={`${panelId}-${view}`}>
            <TenantView
              key={`${tenant.clusterId}/${tenant.tenantId}`}
              tenant={tenant}
              tenantName={name}
              killRight={readKillRight(tenants, info, name, t)}
              fmt={fmt}
              view={view}
              onView={setView}
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
