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
/** How long calls in flight may finish once a stop was asked (new ones are refused with 503). */
const STOP_GRACE_MS = 7000;
/** The whole stop, calls, pools and audit together: past it the process exits non-zero. */
const STOP_BOUND_MS = 10_000;

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
  const audit = openAudit(settings.audit, process.cwd(), own, log);
  const app = createApp({
    tenants,
    audit,
    own,
    allowedOrigins: settings.allowedOrigins,
    closeRatePerMinute: settings.closeRatePerMinute,
    closeSessionsPerMinute: settings.closeSessionsPerMinute,
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
  // Attempts the last run sent without recording their answer (it was killed, or the machine
  // stopped): they read as `unknown` in audit.list. Read in the background on a large file.
  void audit.recover().then(
    ({ unfinished }) =>
      (unfinished > 0 ? log.warn.bind(log) : log.info.bind(log))(
        { audit: audit.where, unfinished },
        unfinished > 0
          ? `audit: ${unfinished} close attempts have no outcome (the sidecar stopped before their answer): they read as unknown`
          : 'audit: every close attempt has its outcome',
      ),
    (error: unknown) => log.error({ err: error, audit: audit.where }, 'audit unreadable at start'),
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
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return void log.info({ signal }, 'signal received: already stopping');
    stopping = true;
    log.info({ signal }, 'signal received');
    // The whole stop is bounded: whatever it still waits on then is named, and the exit is non-zero.
    const bound = setTimeout(() => {
      log.error(
        { waitingOn: process.getActiveResourcesInfo(), boundMs: STOP_BOUND_MS },
        `stop took more than ${STOP_BOUND_MS / 1000} s: exiting anyway`,
      );
      process.exit(1);
    }, STOP_BOUND_MS);
    bound.unref();
    server.stop(STOP_GRACE_MS).then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a second signal (a service manager and a wrapper both sending) is not fatal.
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
};

start().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`tenant-sessions: cannot start: ${message}\n`);
  process.exit(1);
});
