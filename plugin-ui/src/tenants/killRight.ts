import type { Tenant } from '@tenant-sessions/contracts';

/** Whether the operator may close sessions on a tenant, and if not, why not in words. */
export type KillRight = { allowed: true } | { allowed: false; why: string; known: boolean };

/** Reads the kill right from `tenants.list` (Tenant.rights); unknown until that answers. */
export function readKillRight(
  state: { isPending: boolean; isError: boolean },
  tenant: Tenant | undefined,
  name: string,
): KillRight {
  if (state.isPending) return { allowed: false, why: 'Checking your rights on this tenant…', known: false };
  if (state.isError) {
    return {
      allowed: false,
      why: `Your rights on tenant ${name} could not be read, so closing is off.`,
      known: true,
    };
  }
  if (!tenant) {
    return {
      allowed: false,
      why: `Your account has no rights listed on tenant ${name}, so closing is off.`,
      known: true,
    };
  }
  if (!tenant.rights.includes('kill')) {
    return {
      allowed: false,
      why: `You may view tenant ${name} but not close its sessions: your account lacks the kill right.`,
      known: true,
    };
  }
  return { allowed: true };
}
