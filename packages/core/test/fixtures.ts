import type { AdIntegration } from '../src/contract/ad-integration';
import type { NormalizedMetricRecord } from '../src/contract/normalized-payload';
import type { ProviderId } from '../src/contract/provider-ids';
import { newAdIntegration } from '../src/integrations/new-ad-integration';

/** Just linked (a 60-day access token, as Meta's), auto-sync on and due now. */
export function integrationFixture(userId: string, providerId: ProviderId, now = new Date()): AdIntegration {
  const linked = newAdIntegration(
    {
      userId,
      providerId,
      scopes: ['ads_read'],
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
      accessTokenExpiresAt: new Date(now.getTime() + 60 * 86_400_000),
      refreshTokenExpiresAt: null,
    },
    now,
  );
  return { ...linked, autoSyncEnabled: true, nextSyncDueAt: now };
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
