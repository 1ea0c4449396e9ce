import 'server-only';
import { type AdMetricsDay, AdMetricsRepository, type ProviderId } from '@cohorts/core';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { targetUser } from '../auth/target-user';
import { firestore } from '../services';
import type { MetricsRangeInput } from './schemas';

function dayView(day: AdMetricsDay) {
  return {
    providerId: day.providerId,
    date: day.date,
    currencyCode: day.currencyCode,
    spend: day.spend,
    impressions: day.impressions,
    clicks: day.clicks,
    conversions: day.conversions,
    revenue: day.revenue,
    currencyTotals: day.currencyTotals,
    timeZones: day.timeZones,
    campaigns: day.campaigns,
    creatives: day.creatives,
    rawPayloadRef: day.rawPayloadRef,
    syncedAt: day.syncedAt.toISOString(),
  };
}
type MetricsDayView = ReturnType<typeof dayView>;

/**
 * Daily metrics for a date range. Every date is present, and a provider without data that day is
 * `null` (an explicit empty day, so charts do not join across gaps).
 */
export async function dailyMetrics(caller: Caller, input: z.infer<typeof MetricsRangeInput>) {
  const userId = targetUser(caller, input.userId);
  const rows = await new AdMetricsRepository(firestore()).readRange(userId, {
    from: input.from,
    to: input.to,
    providerIds: input.providerIds,
  });
  return {
    userId,
    from: input.from,
    to: input.to,
    days: rows.map((row) => ({
      date: row.date,
      providers: Object.fromEntries(
        Object.entries(row.providers).map(([providerId, day]) => [providerId, day ? dayView(day) : null]),
      ) as Partial<Record<ProviderId, MetricsDayView | null>>,
    })),
  };
}
