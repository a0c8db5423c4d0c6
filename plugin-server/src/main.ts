import { randomBytes } from 'node:crypto';
import { createApp } from './app';
import { openAudit } from './audit/open';
import { createVerifier, signOperatorToken } from './auth/tokens';
import { loadTenants } from './config/load';
import { resolvesToLoopback } from './config/loopback';
import { identityPlan, readSettings } from './config/settings';
import { ConfigError } from './config/tenants';
import { OwnConnections } from './connections/own';
import { createLogger } from './logging/logger';
import { listen } from './server';

/** How long the token printed at start-up lasts, at most (the portal's own tokens last 15 minutes). */
const PRINTED_TOKEN_SECONDS = 12 * 60 * 60;

const start = async () => {
  const settings = readSettings(process.env);
  const tenants = loadTenants(process.env);
  const log = createLogger(settings.logLevel);
  // Loopback is what HOST resolves to, not how its name looks (127.attacker.example is a name).
  const { generateSecret: generated, portalSignin } = identityPlan(
    settings,
    await resolvesToLoopback(settings.host),
  );
  const secret = settings.jwtSecret
    ? new TextEncoder().encode(settings.jwtSecret)
    : generated
      ? randomBytes(32)
      : undefined;
  // One record of the sidecar's own database connections, for the tenants' pools and the audit's.
  const own = new OwnConnections();
  const audit = openAudit(settings.audit, process.cwd(), own);
  const app = createApp({
    tenants,
    audit,
    own,
    allowedOrigins: settings.allowedOrigins,
    closeRatePerMinute: settings.closeRatePerMinute,
    snapshotFreshMs: settings.snapshotFreshMs,
    snapshotMax: settings.snapshotMax,
    watch: settings.watch,
    logger: log,
    verify: createVerifier({ secret, jwksUrl: settings.jwksUrl, maxTokenSeconds: settings.tokenMaxSeconds }),
    poolIdleMs: settings.poolIdleMs,
    staticDir: settings.staticDir,
    portalSecret: portalSignin ? secret : null,
    listenHost: settings.host,
    allowedHosts: settings.allowedHosts,
    metricsHost: settings.metricsHost,
  });
  const server = await listen(app, settings.host, settings.port, log, {
    maxConnections: settings.maxConnections,
    metricsPort: settings.metricsPort,
    metricsHost: settings.metricsHost,
  });
  // Closing is refused (AUDIT_UNAVAILABLE) while the audit cannot be written; say so at once.
  await audit.ready().then(
    () => log.info({ audit: audit.where }, 'audit ready'),
    (error: unknown) =>
      log.error({ err: error, audit: audit.where }, 'audit not writable: closes will be refused'),
  );
  log.info(
    {
      url: server.url,
      ...(server.metricsUrl ? { metrics: server.metricsUrl } : {}),
      tenants: tenants.map((t) => `${t.clusterId}/${t.tenantId}`),
    },
    'listening',
  );
  if (generated && secret) {
    const { token, expiresAt } = await signOperatorToken(secret, {
      operator: 'demo-operator',
      rights: ['read', 'kill'],
      ttlSeconds: Math.min(PRINTED_TOKEN_SECONDS, settings.tokenMaxSeconds),
    });
    const first = tenants[0];
    const input = encodeURIComponent(
      // Up to 1,000 sessions, longest-running first: a fresh client shows even on a busy server.
      JSON.stringify({ clusterId: first?.clusterId, tenantId: first?.tenantId, pageSize: 1000 }),
    );
    process.stdout.write(
      [
        '',
        `Tenant sessions sidecar on ${server.url} (portal at ${server.url}/)`,
        `No SESSIONS_JWT_SECRET: a secret was generated for this run. Operator token (demo-operator, read+kill, until ${expiresAt}):`,
        '',
        token,
        '',
        `List the sessions of ${first?.clusterId}/${first?.tenantId}:`,
        '',
        `curl -s -H 'Authorization: Bearer ${token}' '${server.url}/trpc/sessions.list?input=${input}'`,
        '',
        '',
      ].join('\n'),
    );
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, 'signal received');
    server.stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
};

start().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`tenant-sessions: cannot start: ${message}\n`);
  process.exit(1);
});
