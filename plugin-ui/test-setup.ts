import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './src/test/server';

// The suite shares two cores with the database and browser tests: wait for behaviour, not a clock.
configure({ asyncUtilTimeout: 10_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  // The tab keeps its view in the page's URL (url/): each test starts from a bare address.
  window.history.replaceState(null, '', '/');
});
afterAll(() => server.close());
