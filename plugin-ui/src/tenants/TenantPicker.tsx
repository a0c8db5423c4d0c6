import type { Tenant } from '@tenant-sessions/contracts';
import { useId } from 'react';

/** Entry 2 (Real-time Diagnostics): the host knows only the cluster, so the operator picks the tenant. */
export function TenantPicker(props: {
  tenants: Tenant[];
  value: string | undefined;
  onChange: (tenantId: string) => void;
}) {
  const id = useId();
  return (
    <span className="tsp-picker">
      <label htmlFor={id}>Tenant</label>
      <select
        id={id}
        className="tsp-select"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.tenants.map((t) => (
          <option key={t.tenantId} value={t.tenantId}>
            {t.tenantName}
            {t.rights.includes('kill') ? '' : ' (view only)'}
          </option>
        ))}
      </select>
    </span>
  );
}
