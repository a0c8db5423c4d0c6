import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeLong, pageOf, SESSIONS } from '../test/fixtures';
import { renderTab } from '../test/render';
import { rowOf } from '../test/rows';
import { mockSidecar } from '../test/sidecar';

describe('a tenant with more sessions than the sidecar keeps', () => {
  it('says that the list is cut, and how many are listed', async () => {
    mockSidecar({ 'sessions.list': () => ({ ...pageOf(SESSIONS, 100_000), truncated: true }) });
    renderTab({ locale: 'en-US' });
    await rowOf(activeLong.id);
    expect(
      screen.getByText(/more sessions than the session service keeps \(100,000 are listed/),
    ).toBeVisible();
  });

  it('says nothing of the kind otherwise', async () => {
    mockSidecar();
    renderTab();
    await rowOf(activeLong.id);
    expect(screen.queryByText(/more sessions than the session service keeps/)).toBeNull();
  });
});
