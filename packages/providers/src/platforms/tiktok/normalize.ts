import {
  type AdAccount,
  type Creative,
  isKnownTimeZone,
  type NormalizedMetricRecord,
} from '@cohorts/core/contract';
import { describeMapping, type TikTokConversionMapping } from '../../conversion-mapping';
import { countFromWire, isNotReported, moneyFromDecimal, quantityFromWire } from '../../money';
import type { TikTokAd, TikTokAdvertiserInfo, TikTokCampaign, TikTokReportRow } from './schemas';

type Metric = string | number | undefined;

function money(value: Metric): number {
  return isNotReported(value) ? 0 : moneyFromDecimal(String(value));
}

/**
 * BASIC campaign x `stat_time_day` rows to records. Days are in the advertiser's time zone; metric
 * values are strings in the account currency, and `"-"` means "does not apply": a count reads 0,
 * revenue reads null.
 */
export function normalizeTikTokReport(
  rows: readonly TikTokReportRow[],
  account: AdAccount,
  mapping: TikTokConversionMapping,
  campaigns: ReadonlyMap<string, TikTokCampaign>,
  creativesByCampaign: ReadonlyMap<string, Creative[]>,
): NormalizedMetricRecord[] {
  const conversionMapping = describeMapping(mapping.conversions, mapping.revenue);
  return rows.map(({ dimensions, metrics }) => {
    const campaignId = String(dimensions.campaign_id);
    const campaign = campaigns.get(campaignId);
    const conversions = metrics[mapping.conversions];
    const revenue = mapping.revenue ? metrics[mapping.revenue] : undefined;
    const name = metrics.campaign_name;
    return {
      providerId: 'tiktok',
      accountId: account.id,
      date: dimensions.stat_time_day.slice(0, 10),
      timeZone: account.timeZone,
      currencyCode: account.currencyCode,
      spend: money(metrics.spend),
      impressions: isNotReported(metrics.impressions) ? 0 : countFromWire(metrics.impressions),
      clicks: isNotReported(metrics.clicks) ? 0 : countFromWire(metrics.clicks),
      conversions: isNotReported(conversions) ? 0 : quantityFromWire(conversions),
      revenue: isNotReported(revenue) ? null : moneyFromDecimal(String(revenue)),
      creatives: creativesByCampaign.get(campaignId) ?? [],
      campaign: {
        id: campaignId,
        name: typeof name === 'string' && name !== '-' ? name : (campaign?.campaign_name ?? ''),
        objective: campaign?.objective_type ?? null,
      },
      conversionMapping,
      rawPayloadRef: null,
    };
  });
}

const STATUS: Record<string, AdAccount['status']> = {
  STATUS_ENABLE: 'active',
  STATUS_DISABLE: 'disabled',
  STATUS_LIMIT: 'disabled',
  STATUS_PENDING_CONFIRM: 'pending',
  STATUS_PENDING_VERIFIED: 'pending',
  STATUS_CONFIRM_FAIL: 'disabled',
  STATUS_CONTRACT_PENDING: 'pending',
  STATUS_SELF_SERVICE_UNAUDITED: 'pending',
};

/** An advertiser; undefined when TikTok gave no usable time zone (reports could not be dated). */
export function tiktokAdAccount(info: TikTokAdvertiserInfo): AdAccount | undefined {
  const timeZone = [info.display_timezone, info.timezone].find(
    (tz): tz is string => !!tz && isKnownTimeZone(tz),
  );
  if (!timeZone) return undefined;
  const id = String(info.advertiser_id);
  return {
    id,
    name: info.name ?? id,
    currencyCode: info.currency,
    timeZone,
    status: (info.status && STATUS[info.status]) || 'unknown',
    isManager: false,
    loginCustomerId: null,
  };
}

function creativeType(format: string | undefined): string {
  if (!format) return 'other';
  if (/VIDEO/.test(format)) return 'video';
  if (/IMAGE/.test(format)) return 'image';
  if (/CAROUSEL/.test(format)) return 'carousel';
  return 'other';
}

export function tiktokCreativesByCampaign(ads: readonly TikTokAd[]): Map<string, Creative[]> {
  const byCampaign = new Map<string, Creative[]>();
  for (const ad of ads) {
    if (ad.campaign_id === undefined) continue;
    const campaignId = String(ad.campaign_id);
    const list = byCampaign.get(campaignId) ?? [];
    list.push({
      id: String(ad.ad_id),
      name: ad.ad_name ?? '',
      type: creativeType(ad.ad_format),
      ...(ad.landing_page_url && { url: ad.landing_page_url }),
    });
    byCampaign.set(campaignId, list);
  }
  return byCampaign;
}
