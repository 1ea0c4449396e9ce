import type { AdAccount, Creative, NormalizedMetricRecord } from '@cohorts/core/contract';
import { describeMapping, type GoogleConversionMapping } from '../../conversion-mapping';
import { countFromWire, moneyFromDouble, moneyFromMicros, quantityFromWire } from '../../money';
import type { AdRow, CampaignDayRow, CustomerClientRow } from './schemas';

/**
 * Google Ads rows to normalized records. `segments.date` is already the account's local date;
 * `cost_micros` is exact int64 micros; zero-valued metrics are omitted by the API and read as 0.
 * `conversions_value` is always reported (0 when omitted), so Google revenue is never null unless
 * the mapping reads no revenue at all.
 */
export function normalizeGoogleCampaignDays(
  rows: readonly CampaignDayRow[],
  account: AdAccount,
  mapping: GoogleConversionMapping,
  creativesByCampaign: ReadonlyMap<string, Creative[]>,
): NormalizedMetricRecord[] {
  const conversionMapping = describeMapping(mapping.conversions, mapping.revenue);
  return rows.map((row) => {
    const { metrics } = row;
    const campaignId = String(row.campaign.id);
    const conversions =
      mapping.conversions === 'metrics.all_conversions' ? metrics.allConversions : metrics.conversions;
    const revenue =
      mapping.revenue === null
        ? null
        : moneyFromDouble(
            (mapping.revenue === 'metrics.all_conversions_value'
              ? metrics.allConversionsValue
              : metrics.conversionsValue) ?? 0,
          );
    return {
      providerId: 'google',
      accountId: account.id,
      date: row.segments.date,
      timeZone: row.customer?.timeZone ?? account.timeZone,
      currencyCode: row.customer?.currencyCode ?? account.currencyCode,
      spend: moneyFromMicros(metrics.costMicros ?? '0'),
      impressions: countFromWire(metrics.impressions ?? '0'),
      clicks: countFromWire(metrics.clicks ?? '0'),
      conversions: quantityFromWire(conversions ?? 0),
      revenue,
      creatives: creativesByCampaign.get(campaignId) ?? [],
      campaign: {
        id: campaignId,
        name: row.campaign.name ?? '',
        objective: row.campaign.advertisingChannelType ?? null,
      },
      conversionMapping,
      rawPayloadRef: null,
    };
  });
}

const AD_TYPE_GROUPS: ReadonlyArray<[RegExp, string]> = [
  [/VIDEO/, 'video'],
  [/IMAGE|DISPLAY|GMAIL|DEMAND_GEN|DISCOVERY/, 'image'],
  [/TEXT|SEARCH|CALL/, 'text'],
  [/SHOPPING|PRODUCT/, 'shopping'],
  [/APP/, 'app'],
];

/** A creative kind the dashboard can group by: video, image, text, shopping, app or other. */
function googleCreativeType(adType: string | undefined): string {
  if (!adType) return 'other';
  return AD_TYPE_GROUPS.find(([pattern]) => pattern.test(adType))?.[1] ?? 'other';
}

function readableAdType(adType: string | undefined): string {
  if (!adType) return 'Ad';
  const words = adType.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `ad_group_ad` rows grouped by campaign id. */
export function googleCreativesByCampaign(rows: readonly AdRow[]): Map<string, Creative[]> {
  const byCampaign = new Map<string, Creative[]>();
  for (const row of rows) {
    const { ad } = row.adGroupAd;
    const creative: Creative = {
      id: String(ad.id),
      name: ad.name ?? `${readableAdType(ad.type)} ${ad.id}`,
      type: googleCreativeType(ad.type),
      ...(ad.finalUrls[0] !== undefined && { url: ad.finalUrls[0] }),
    };
    const campaignId = String(row.campaign.id);
    const list = byCampaign.get(campaignId) ?? [];
    if (!list.some((c) => c.id === creative.id)) list.push(creative);
    byCampaign.set(campaignId, list);
  }
  return byCampaign;
}

const STATUS: Record<string, AdAccount['status']> = {
  ENABLED: 'active',
  CANCELED: 'closed',
  CLOSED: 'closed',
  SUSPENDED: 'disabled',
};

/**
 * `customer_client` rows of one directly accessible customer to ad accounts. Clients below the
 * top are reached through it, so it is their `login-customer-id`.
 */
export function googleAccountsFromCustomerClients(
  rows: readonly CustomerClientRow[],
  accessibleCustomerId: string,
): AdAccount[] {
  const accounts: AdAccount[] = [];
  for (const { customerClient: client } of rows) {
    if (!client.currencyCode || !client.timeZone) continue;
    const id = String(client.id);
    const level = Number(client.level);
    accounts.push({
      id,
      name: client.descriptiveName ?? id,
      currencyCode: client.currencyCode,
      timeZone: client.timeZone,
      status: (client.status && STATUS[client.status]) || 'unknown',
      isManager: client.manager,
      loginCustomerId: level === 0 && id === accessibleCustomerId ? null : accessibleCustomerId,
    });
  }
  return accounts;
}

/** Merges account lists found through several accessible customers: direct access wins. */
export function mergeGoogleAccounts(lists: readonly AdAccount[][]): AdAccount[] {
  const byId = new Map<string, AdAccount>();
  for (const account of lists.flat()) {
    const seen = byId.get(account.id);
    if (!seen || (seen.loginCustomerId !== null && account.loginCustomerId === null))
      byId.set(account.id, account);
  }
  return [...byId.values()];
}
