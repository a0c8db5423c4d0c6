import { dialect, entityId } from '@tenant-sessions/contracts';
import { z } from 'zod';

/** How the sidecar reaches one tenant's database. The password is named, never written. */
const connection = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    user: z.string().min(1),
    /** The environment variable holding the password; absent for an account without one. */
    passwordEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
      .optional(),
    /** Optional default database of the sidecar's connections. */
    database: z.string().min(1).optional(),
  })
  .strict();

/** OceanBase only: whose sessions an account sees (its own tenant, or a tenant seen from sys). */
const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tenant') }).strict(),
  z.object({ kind: z.literal('sys'), tenantName: z.string().min(1) }).strict(),
]);

/** Adds an issue for each entry whose id was already used in the same list. */
const uniqueIds =
  (key: string, what: string) =>
  (entries: Array<{ id: string }>, ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    entries.forEach(({ id }, index) => {
      if (seen.has(id))
        ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate ${what} id "${id}"` });
      seen.add(id);
    });
  };

const tenantEntry = z
  .object({
    id: entityId.regex(/^[^/]+$/, 'must not contain "/"'),
    name: z.string().min(1),
    connection,
    dialect: dialect.optional(),
    scope: scope.default({ kind: 'tenant' }),
    /**
     * OceanBase: the connection goes through OBProxy (ODP). Absent: detected with
     * `SELECT proxy_version()`, which only OBProxy answers.
     */
    viaObproxy: z.boolean().optional(),
    /**
     * OceanBase through OBProxy: when a KILL answers "unknown thread" (OBProxy knows only its own
     * clients), retry it once on a short-lived connection to the session's observer SVR_IP:SQL_PORT
     * with the same account (its `#cluster` suffix removed). Off unless set.
     */
    directAccess: z.boolean().default(false),
    poolSize: z.number().int().min(1).max(20).default(4),
    statementTimeoutMs: z.number().int().min(1).max(600_000).default(5000),
    connectTimeoutMs: z.number().int().min(1).max(600_000).default(5000),
  })
  .strict();

const clusterEntry = z
  .object({
    id: entityId.regex(/^[^/]+$/, 'must not contain "/"'),
    name: z.string().min(1),
    tenants: z.array(tenantEntry).min(1, 'name at least one tenant'),
  })
  .strict()
  .superRefine((cluster, ctx) => uniqueIds('tenants', 'tenant')(cluster.tenants, ctx));

/** The SESSIONS_CONFIG file: the operators' contract (README, "Configuration"). */
export const sessionsConfigFile = z
  .object({ clusters: z.array(clusterEntry).min(1, 'name at least one cluster') })
  .strict()
  .superRefine((file, ctx) => uniqueIds('clusters', 'cluster')(file.clusters, ctx));
export type SessionsConfigFile = z.input<typeof sessionsConfigFile>;
export type TenantEntry = z.output<typeof tenantEntry>;
