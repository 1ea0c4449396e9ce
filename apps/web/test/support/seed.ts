import {
  type AdIntegration,
  AdIntegrationsRepository,
  type AdMetricsDay,
  AdMetricsRepository,
  newAdIntegration,
  type ProviderId,
} from '@cohorts/core';
import { testAdAccount } from '@cohorts/core/testing';
import { testFirestore } from '@cohorts/test-harness';

/** A linked integration after one successful sync (tokens live elsewhere, encrypted). */
export async function seedIntegration(
  userId: string,
  providerId: ProviderId,
  overrides: Partial<AdIntegration> = {},
): Promise<AdIntegration> {
  const linked = newAdIntegration(
    {
      userId,
      providerId,
      scopes: ['ads.read'],
      adAccounts: [
        testAdAccount(`${providerId}-acct-1`, { name: 'Main account', timeZone: 'America/New_York' }),
      ],
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
    },
    new Date('2026-11-01T10:00:00Z'),
  );
  const integration: AdIntegration = {
    ...linked,
    lastSyncStatus: 'success',
    lastSyncedAt: new Date('2026-11-20T03:00:00Z'),
    lastSyncRequestedAt: new Date('2026-11-20T02:59:00Z'),
    autoSyncEnabled: true,
    syncFrequencyMinutes: 1440,
    nextSyncDueAt: new Date('2026-11-21T03:00:00Z'),
    ...overrides,
  };
  await new AdIntegrationsRepository(testFirestore()).save(integration);
  return integration;
}

/** One provider-day with one campaign per given currency. */
export function metricsDay(
  providerId: ProviderId,
  date: string,
  campaigns: {
    id: string;
    currencyCode: string;
    spend: number;
    clicks: number;
    impressions: number;
    conversions?: number;
    revenue?: number | null;
  }[],
): AdMetricsDay {
  const currencies = [...new Set(campaigns.map((c) => c.currencyCode))].sort();
  const single = currencies.length === 1;
  const sum = (pick: (c: (typeof campaigns)[number]) => number) =>
    campaigns.reduce((total, c) => total + pick(c), 0);
  return {
    providerId,
    date,
    currencyCode: single ? (currencies[0] ?? null) : null,
    spend: single ? sum((c) => c.spend) : null,
    impressions: sum((c) => c.impressions),
    clicks: sum((c) => c.clicks),
    conversions: sum((c) => c.conversions ?? 0),
    revenue: null,
    currencyTotals: currencies.map((currencyCode) => ({
      currencyCode,
      spend: campaigns.filter((c) => c.currencyCode === currencyCode).reduce((t, c) => t + c.spend, 0),
      revenue: null,
    })),
    timeZones: ['UTC'],
    campaigns: campaigns.map((c) => ({
      id: c.id,
      name: `Campaign ${c.id}`,
      objective: null,
      accountId: `acct-${c.currencyCode}`,
      currencyCode: c.currencyCode,
      spend: c.spend,
      impressions: c.impressions,
      clicks: c.clicks,
      conversions: c.conversions ?? 0,
      revenue: c.revenue ?? null,
    })),
    creatives: [{ id: `cr-${providerId}`, name: 'Creative', type: 'image' }],
    conversionMapping: 'test',
    rawPayloadRef: null,
    syncedAt: new Date(),
  };
}

/**
 * Google's USD campaign days around the metrics tests' range Nov 7-9: Nov 5 (in the previous period,
 * Nov 4-6), Nov 7 and Nov 9, each with clicks, impressions and (in the range) conversions and revenue.
 */
export function googleDaysAroundNov8(): AdMetricsDay[] {
  return [
    metricsDay('google', '2026-11-05', [
      { id: 'g1', currencyCode: 'USD', spend: 50, clicks: 10, impressions: 1000 },
    ]),
    metricsDay('google', '2026-11-07', [
      {
        id: 'g1',
        currencyCode: 'USD',
        spend: 60.1,
        clicks: 20,
        impressions: 1000,
        conversions: 2,
        revenue: 240.4,
      },
    ]),
    metricsDay('google', '2026-11-09', [
      {
        id: 'g2',
        currencyCode: 'USD',
        spend: 40.2,
        clicks: 5,
        impressions: 500,
        conversions: 1,
        revenue: 100,
      },
    ]),
  ];
}

export async function seedMetrics(userId: string, days: AdMetricsDay[]): Promise<void> {
  await new AdMetricsRepository(testFirestore()).upsertDays(userId, days);
}
