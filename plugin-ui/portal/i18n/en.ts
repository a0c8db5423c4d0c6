/** The demo console's English catalog (ICU MessageFormat); zh-CN.ts has the same keys. */
export const en = {
  brand: 'Database Console',
  demoBadge: 'demo data',
  readOnly: 'Read-only operator',
  language: 'Language',
  listFailed: 'The console could not list tenants: {problem}',
  failed: 'The console failed: {message}',
  noPage: 'No page at {path}.',
  navLabel: 'Console',
  console: 'Console',
  overview: 'Overview',
  tenantNamed: 'Tenant {tenant}',
  diagnostics: 'Real-time Diagnostics',
  tenantCount: '{count, plural, one {# tenant} other {# tenants}}',
  'col.tenant': 'Tenant',
  'col.engine': 'Engine',
  'col.rights': 'Your rights',
  notReached: 'not reached yet',
  'trail.clusters': 'Clusters',
  'trail.tenants': 'Tenants',
  'trail.diagnostics': 'Diagnostics',
  'trail.tenantSession': 'Tenant Session',
  'tab.overview': 'Overview',
  'tab.sessions': 'Session Management',
  'tab.parameters': 'Parameters',
  'tab.sqlDiagnostics': 'SQL Diagnostics',
  'tab.locks': 'Lock Analysis',
} as const satisfies Record<string, string>;

export type ConsoleKey = keyof typeof en;
export type ConsoleCatalog = Record<ConsoleKey, string>;
