import { z } from 'zod';
import { LIMITS } from './limits';

/** A cluster or tenant id as the host console names it. */
export const entityId = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.maxString, `must be at most ${LIMITS.maxString} characters`);

/** `{ clusterId, tenantId }` names one tenant. */
export const tenantRef = z.object({ clusterId: entityId, tenantId: entityId });
export type TenantRef = z.infer<typeof tenantRef>;

export const dialect = z.enum(['mysql', 'mariadb', 'oceanbase']);
export type Dialect = z.infer<typeof dialect>;

export const right = z.enum(['read', 'kill']);
export type Right = z.infer<typeof right>;

export const tenantsListInput = z.object({ clusterId: entityId.optional() }).strict().default({});
export type TenantsListInput = z.input<typeof tenantsListInput>;

export const tenant = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  /** The configured dialect, or the detected one once the tenant has been reached; null before. */
  dialect: dialect.nullable(),
  serverVersion: z.string().nullable(),
  /** What the caller's token allows on this tenant (never empty: unreadable tenants are not listed). */
  rights: z.array(right),
});
export type Tenant = z.infer<typeof tenant>;
