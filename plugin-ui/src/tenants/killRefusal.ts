import type { Tenant } from '@tenant-sessions/contracts';

/** Null when the operator may close sessions on the tenant; otherwise why not, in words. */
export function killRefusal(
  state: { isPending: boolean; isError: boolean },
  tenant: Tenant | undefined,
  name: string,
) {
  if (state.isPending) return 'Checking your rights on this tenant…';
  if (state.isError) return `Your rights on tenant ${name} could not be read, so closing is off.`;
  if (!tenant) return `Your account has no rights listed on tenant ${name}, so closing is off.`;
  if (!tenant.rights.includes('kill')) {
    return `You may view tenant ${name} but not close its sessions: your account lacks the kill right.`;
  }
  return null;
}
