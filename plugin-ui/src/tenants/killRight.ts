import type { Tenant } from '@tenant-sessions/contracts';
import type { Translate } from '../i18n/messages';

/** Whether the operator may close sessions on a tenant, and if not, why not in words. */
export type KillRight = { allowed: true } | { allowed: false; why: string; known: boolean };

/** Reads the kill right from `tenants.list` (Tenant.rights); unknown until that answers. */
export function readKillRight(
  state: { isPending: boolean; isError: boolean },
  tenant: Tenant | undefined,
  name: string,
  t: Translate,
): KillRight {
  if (state.isPending) return { allowed: false, why: t('right.checking'), known: false };
  if (state.isError) {
    return {
      allowed: false,
      why: t('right.unreadable', { tenant: name }),
      known: true,
    };
  }
  if (!tenant) {
    return {
      allowed: false,
      why: t('right.none', { tenant: name }),
      known: true,
    };
  }
  if (!tenant.rights.includes('kill')) {
    return {
      allowed: false,
      why: t('right.noKill', { tenant: name }),
      known: true,
    };
  }
  return { allowed: true };
}
