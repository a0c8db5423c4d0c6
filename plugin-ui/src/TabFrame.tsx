import { useMemo, useState } from 'react';
import { problemOf } from './api/errors';
import { useTenants } from './api/queries';
import { makeFormatters } from './format';
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
        <h2 className="tsp-title">Tenant Session</h2>
        {!tenantId && list.length > 0 && <TenantPicker tenants={list} value={chosen} onChange={setPicked} />}
        {tenantId && <span className="tsp-tenant-name">{name}</span>}
      </header>
      {tenant ? (
        <TenantView
          key={`${tenant.clusterId}/${tenant.tenantId}`}
          tenant={tenant}
          tenantName={name}
          killRight={readKillRight(tenants, info, name)}
          fmt={fmt}
        />
      ) : tenants.isError ? (
        <StatePanel
          kind="error"
          problem={problemOf(tenants.error, clusterId)}
          onRetry={() => tenants.refetch()}
        />
      ) : tenants.isPending ? (
        <StatePanel kind="loading" />
      ) : (
        <div className="tsp-state">Cluster {clusterId} has no tenant whose sessions you may view.</div>
      )}
    </>
  );
}
