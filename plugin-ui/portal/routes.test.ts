import { describe, expect, it } from 'vitest';
import { diagnosticsPath, routeOf, tenantSessionsPath } from './routes';

describe('the console routes', () => {
  it('reads both entry points and the overview', () => {
    expect(routeOf('/')).toEqual({ page: 'overview' });
    expect(routeOf(tenantSessionsPath('prod-1', 'trade'))).toEqual({
      page: 'tenant-sessions',
      clusterId: 'prod-1',
      tenantId: 'trade',
    });
    expect(routeOf(diagnosticsPath('prod 1'))).toEqual({ page: 'diagnostics', clusterId: 'prod 1' });
  });

  it('does not take a near miss for a sessions page', () => {
    expect(routeOf('/clusters/prod-1/tenants/trade').page).toBe('not-found');
    expect(routeOf('/diagnostics/prod-1/sessions/x').page).toBe('not-found');
  });
});
