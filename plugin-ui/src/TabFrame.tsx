import { useMemo, useState } from 'react';
import { problemOf } from './api/errors';
import { useTenants } from './api/queries';
import { makeFormatters } from './format';
import { useT } from './i18n/useT';
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
        <TenantView
          key={`${tenant.clusterId}/${tenant.tenantId}`}
          tenant={tenant}
          tenantName={name}
          killRight={readKillRight(tenants, info, name, t)}
          fmt={fmt}
        />
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
