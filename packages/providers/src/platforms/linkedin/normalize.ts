import type { AdAccount, Creative, NormalizedMetricRecord } from '@cohorts/core/contract';
import { describeMapping, type LinkedInConversionMapping } from '../../conversion-mapping';
import { countFromWire, isNotReported, moneyFromDecimal, quantityFromWire } from '../../money';
import { urnId } from './restli';
import type {
  LinkedInAdAccount,
  LinkedInAnalyticsElement,
  LinkedInCampaign,
  LinkedInCreative,
} from './schemas';

/** LinkedIn reports daily buckets in UTC and its ad accounts carry no time zone. */
const linkedInTimeZone = 'UTC';

function isoDate(parts: { year: number; month: number; day: number }): string {
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

/**
 * adAnalytics elements (pivot CAMPAIGN, DAILY) to records. Dates are UTC days (stated in `timeZone`).
 * Money is a decimal string in the account currency. Revenue is null when
 * `conversionValueInLocalCurrency` is absent or empty (LinkedIn reports it only where conversion
 * value is tracked).
 */
export function normalizeLinkedInAnalytics(
  elements: readonly LinkedInAnalyticsElement[],
  account: AdAccount,
  mapping: LinkedInConversionMapping,
  campaigns: ReadonlyMap<string, LinkedInCampaign>,
  creativesByCampaign: ReadonlyMap<string, Creative[]>,
): NormalizedMetricRecord[] {
  const conversionMapping = describeMapping(mapping.conversions, mapping.revenue, 'dates=UTC');
  return elements.map((element) => {
    const campaignId = urnId(element.pivotValues[0] ?? '');
    const campaign = campaigns.get(campaignId);
    const conversions = element[mapping.conversions];
    const revenue = mapping.revenue ? element[mapping.revenue] : undefined;
    const cost = element.costInLocalCurrency;
    return {
      providerId: 'linkedin',
      accountId: account.id,
      date: isoDate(element.dateRange.start),
      timeZone: linkedInTimeZone,
      currencyCode: account.currencyCode,
      spend: isNotReported(cost) ? 0 : moneyFromDecimal(cost),
      impressions: countFromWire(element.impressions ?? 0),
      clicks: countFromWire(element.clicks ?? 0),
      conversions: quantityFromWire(conversions ?? 0),
      revenue: isNotReported(revenue) ? null : moneyFromDecimal(revenue),
      creatives: creativesByCampaign.get(campaignId) ?? [],
      campaign: { id: campaignId, name: campaign?.name ?? '', objective: campaign?.objectiveType ?? null },
      conversionMapping,
      rawPayloadRef: null,
    };
  });
}

const ACCOUNT_STATUS: Record<string, AdAccount['status']> = {
  ACTIVE: 'active',
  DRAFT: 'pending',
  CANCELED: 'closed',
  PENDING_DELETION: 'closed',
  REMOVED: 'closed',
};

export function linkedInAdAccount(account: LinkedInAdAccount): AdAccount {
  const id = String(account.id);
  return {
    id,
    name: account.name ?? id,
    currencyCode: account.currency,
    timeZone: linkedInTimeZone,
    status: (account.status && ACCOUNT_STATUS[account.status]) || 'unknown',
    isManager: false,
    loginCustomerId: null,
  };
}

function creativeType(creative: LinkedInCreative): string {
  if (creative.content?.textAd) return 'text';
  if (creative.content?.reference) return 'post';
  return 'other';
}

export function linkedInCreativesByCampaign(creatives: readonly LinkedInCreative[]): Map<string, Creative[]> {
  const byCampaign = new Map<string, Creative[]>();
  for (const creative of creatives) {
    if (!creative.campaign) continue;
    const campaignId = urnId(creative.campaign);
    const url = creative.content?.textAd?.landingPage;
    const id = urnId(creative.id);
    const list = byCampaign.get(campaignId) ?? [];
    list.push({
      id,
      name: creative.name ?? creative.content?.textAd?.headline ?? `Creative ${id}`,
      type: creativeType(creative),
      ...(url !== undefined && { url }),
    });
    byCampaign.set(campaignId, list);
  }
  return byCampaign;
}
