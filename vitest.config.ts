import { defineConfig } from 'vitest/config';

// One run, four rooms: the contract alone, the sidecar against a real database, the parcel in
// jsdom with MSW, and the browser tests against the built portal, the real sidecar and database.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: { name: 'contracts', environment: 'node', include: ['contracts/src/**/*.test.ts'] },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['plugin-server/src/**/*.test.ts', 'test/server/**/*.test.ts'],
          globalSetup: ['./test/support/database.global.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['plugin-ui/**/*.test.{ts,tsx}'],
          setupFiles: ['./plugin-ui/test-setup.ts'],
          // Behaviour, not speed: under a loaded CI machine jsdom renders slowly.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/support/database.global.ts', './test/e2e/e2e.global.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
