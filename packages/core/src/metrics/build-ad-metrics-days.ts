import type { AdMetricsDay, CampaignMetrics } from '../contract/ad-metrics';
import type { Creative, NormalizedMetricRecord } from '../contract/normalized-payload';
import type { ProviderId } from '../contract/provider-ids';
import { dayTotals } from './day-totals';

/**
 * Folds one provider's campaign-day records into day documents (one per account-local date).
 * Pure: the same records always give the same documents, so re-syncing a window overwrites
 * documents with identical content instead of adding to them.
 */
export function buildAdMetricsDays(
  providerId: ProviderId,
  records: readonly NormalizedMetricRecord[],
  options: { syncedAt: Date; rawPayloadRef: string | null },
): AdMetricsDay[] {
  const byDate = new Map<string, NormalizedMetricRecord[]>();
  for (const record of records) {
    if (record.providerId !== providerId) {
      throw new Error(`${record.providerId} record given to the ${providerId} day builder`);
    }
    const list = byDate.get(record.date);
    if (list) list.push(record);
    else byDate.set(record.date, [record]);
  }

  const days: AdMetricsDay[] = [];
  for (const [date, dayRecords] of [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...dayRecords].sort(
      (a, b) => a.accountId.localeCompare(b.accountId) || a.campaign.id.localeCompare(b.campaign.id),
    );
    const creatives = new Map<string, Creative>();
    const timeZones = new Set<string>();
    const mappings = new Set<string>();
    const campaigns: CampaignMetrics[] = [];

    for (const record of sorted) {
      for (const creative of record.creatives) creatives.set(creative.id, creative);
      timeZones.add(record.timeZone);
      mappings.add(record.conversionMapping);
      campaigns.push({
        ...record.campaign,
        accountId: record.accountId,
        currencyCode: record.currencyCode,
        spend: record.spend,
        impressions: record.impressions,
        clicks: record.clicks,
        conversions: record.conversions,
        revenue: record.revenue,
      });
    }

    days.push({
      providerId,
      date,
      ...dayTotals(campaigns),
      timeZones: [...timeZones].sort(),
      campaigns,
      creatives: [...creatives.values()].sort((a, b) => a.id.localeCompare(b.id)),
      conversionMapping: [...mappings].sort().join('; '),
      rawPayloadRef: options.rawPayloadRef,
      syncedAt: options.syncedAt,
    });
  }
  return days;
}
