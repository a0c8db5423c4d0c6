import type { Tenant } from '@tenant-sessions/contracts';
import { useId } from 'react';
import { useT } from '../i18n/useT';

/** Entry 2 (Real-time Diagnostics): the host knows only the cluster, so the operator picks the tenant. */
export function TenantPicker(props: {
  tenants: Tenant[];
  value: string | undefined;
  onChange: (tenantId: string) => void;
}) {
  const id = useId();
  const t = useT();
  return (
    <span className="tsp-picker">
      <label htmlFor={id}>{t('picker.tenant')}</label>
      <select
        id={id}
        className="tsp-select"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.tenants.map((tenant) => (
          <option key={tenant.tenantId} value={tenant.tenantId}>
            {tenant.rights.includes('kill')
              ? tenant.tenantName
              : t('picker.viewOnly', { name: tenant.tenantName })}
          </option>
        ))}
      </select>
    </span>
  );
}
