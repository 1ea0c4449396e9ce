import type { AdIntegration } from '../src/contract/ad-integration';
import type { NormalizedMetricRecord } from '../src/contract/normalized-payload';
import type { ProviderId } from '../src/contract/provider-ids';

export function integrationFixture(userId: string, providerId: ProviderId, now = new Date()): AdIntegration {
  return {
    userId,
    providerId,
    accessToken: null,
    idToken: null,
    scopes: ['ads_read'],
    linkedAt: now,
    lastSyncStatus: 'pending',
    lastSyncedAt: null,
    lastSyncRequestedAt: null,
    lastSyncMessage: null,
    autoSyncEnabled: true,
    syncFrequencyMinutes: null,
    scheduledTimeframeDays: null,
    accessTokenExpiresAt: new Date(now.getTime() + 60 * 86_400_000),
    refreshTokenExpiresAt: null,
    reconnectRequired: false,
    adAccounts: [
      {
        id: 'act_1',
        name: 'Main',
        currencyCode: 'USD',
        timeZone: 'America/New_York',
        status: 'active',
        isManager: false,
        loginCustomerId: null,
      },
    ],
    selectedAccountIds: [],
    liveSyncJobId: null,
    nextSyncDueAt: now,
  };
}

export function recordFixture(overrides: Partial<NormalizedMetricRecord> = {}): NormalizedMetricRecord {
  return {
    providerId: 'google',
    accountId: '111',
    date: '2026-11-01',
    timeZone: 'America/New_York',
    currencyCode: 'USD',
    spend: 10.1,
    impressions: 1000,
    clicks: 50,
    conversions: 2,
    revenue: 40.5,
    creatives: [{ id: 'cr1', name: 'Promo', type: 'image' }],
    campaign: { id: 'c1', name: 'Campaign 1', objective: 'SEARCH' },
    conversionMapping: 'metrics.conversions / metrics.conversions_value',
    rawPayloadRef: null,
    ...overrides,
  };
}
