export { type App, type AppOptions, createApp } from './app';
export { AuthError, createVerifier, type Operator, signOperatorToken, type Verifier } from './auth/tokens';
export { loadTenants, localTenant } from './config/load';
export { readSettings, type Settings } from './config/settings';
export { ConfigError, type TenantConfig, tenantsFromFile } from './config/tenants';
export { createLogger } from './logging/logger';
export type { AppRouter } from './router';
export { listen, type RunningServer } from './server';
