import { z } from 'zod';
import { right } from './tenants';

/**
 * The `sessions` claim of an operator's token: `"<clusterId>/<tenantId>"` (either part may be
 * `*`) to the rights granted there.
 */
export const sessionsClaim = z.record(
  z.string().regex(/^[^/]+\/[^/]+$/, 'must be "<clusterId>/<tenantId>" (either part may be *)'),
  z.array(right),
);
export type SessionsClaim = z.infer<typeof sessionsClaim>;

const matches = (pattern: string, value: string) => pattern === '*' || pattern === value;

/** The rights a claim grants on one tenant. */
export const rightsOn = (
  claim: SessionsClaim,
  clusterId: string,
  tenantId: string,
): Set<z.infer<typeof right>> => {
  const granted = new Set<z.infer<typeof right>>();
  for (const [ref, rights] of Object.entries(claim)) {
    const [c = '', t = ''] = ref.split('/');
    if (matches(c, clusterId) && matches(t, tenantId)) for (const r of rights) granted.add(r);
  }
  return granted;
};

/**
 * True when the claim lets its holder read every tenant of the cluster (`<clusterId>/ *` or
 * `* / *`): only then may an unknown tenant be told apart from one the token does not grant.
 */
export const readsWholeCluster = (claim: SessionsClaim, clusterId: string): boolean =>
  Object.entries(claim).some(([ref, rights]) => {
    const [c = '', t = ''] = ref.split('/');
    return matches(c, clusterId) && t === '*' && rights.includes('read');
  });
