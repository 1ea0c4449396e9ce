import { describe, expect, it } from 'vitest';
import type { AdAccount } from '../contract/ad-integration';
import { type LinkedLogin, newAdIntegration } from './new-ad-integration';

const account = (id: string): AdAccount => ({
  id,
  name: `Account ${id}`,
  currencyCode: 'USD',
  timeZone: 'UTC',
  status: 'active',
  isManager: false,
  loginCustomerId: null,
});

const now = new Date('2026-11-18T12:00:00Z');
const login: LinkedLogin = {
  userId: 'u1',
  providerId: 'facebook',
  scopes: ['ads_read'],
  adAccounts: [account('a'), account('b')],
  accessTokenExpiresAt: new Date('2027-01-17T12:00:00Z'),
  refreshTokenExpiresAt: null,
};

describe('newAdIntegration', () => {
  it('is a first link: no tokens in the document, a sync asked for, scheduled one cadence on', () => {
    const integration = newAdIntegration(login, now);
    expect(integration).toMatchObject({
      accessToken: null,
      idToken: null,
      linkedAt: now,
      lastSyncStatus: 'pending',
      autoSyncEnabled: null,
      selectedAccountIds: [],
      liveSyncJobId: null,
      accessTokenExpiresAt: login.accessTokenExpiresAt,
    });
    expect(integration.nextSyncDueAt?.getTime()).toBeGreaterThan(now.getTime());
    expect('accountChoicePending' in integration).toBe(false);
  });

  it('keeps a re-link’s settings and the chosen accounts the login still has', () => {
    const existing = {
      ...newAdIntegration(login, new Date('2026-10-01T00:00:00Z')),
      autoSyncEnabled: false,
      syncFrequencyMinutes: 60,
      selectedAccountIds: ['a', 'gone'],
      liveSyncJobId: 'job-1',
    };
    const integration = newAdIntegration(login, now, { existing });
    expect(integration).toMatchObject({
      autoSyncEnabled: false,
      syncFrequencyMinutes: 60,
      selectedAccountIds: ['a'],
      liveSyncJobId: 'job-1',
      nextSyncDueAt: null,
    });
  });

  it('asks for nothing while the accounts are to be chosen, and hides a refreshed token’s expiry', () => {
    const integration = newAdIntegration({ ...login, refreshable: true }, now, {
      awaitingAccountChoice: true,
    });
    expect(integration).toMatchObject({
      lastSyncStatus: 'never',
      accountChoicePending: true,
      nextSyncDueAt: null,
      accessTokenExpiresAt: null,
    });
  });
});
