import { rightsOn } from '@tenant-sessions/contracts';
import type { Request } from 'express';
import type { Verifier } from '../auth/tokens';
import { SidecarError } from '../errors/sidecarError';

/**
 * Who sees which tenants' details (names, addresses, errors) on /readyz and /metrics: everyone
 * on the separate metrics port (`'all'`, bound where the operator chose), else only the tenants a
 * verified token may read; an anonymous caller none.
 */
export type DetailAccess = 'all' | { verify: Verifier };

/** Whether the caller may see the tenant `clusterId/tenantId` (a tenant's `ref`, as metrics label it). */
export type SeesTenant = (ref: string) => boolean;

const NOBODY: SeesTenant = () => false;
const EVERYONE: SeesTenant = () => true;

/** What this request may see; a token that is sent but refused throws UNAUTHENTICATED (no quiet downgrade). */
export const tenantsSeenBy = async (access: DetailAccess, req: Request): Promise<SeesTenant> => {
  if (access === 'all') return EVERYONE;
  const authorization = req.get('authorization');
  if (authorization === undefined) return NOBODY;
  const operator = await access.verify(authorization).catch((error: unknown) => {
    throw new SidecarError('UNAUTHENTICATED', (error as Error).message);
  });
  return (ref) => {
    const slash = ref.indexOf('/');
    return slash > 0 && rightsOn(operator.claim, ref.slice(0, slash), ref.slice(slash + 1)).has('read');
  };
};
