import type { AdAccount, Creative, NormalizedMetricRecord } from '@cohorts/core/contract';
import { describeMapping, type MetaConversionMapping } from '../../conversion-mapping';
import { countFromWire, moneyFromDecimal, quantityFromWire } from '../../money';
import type { MetaActionStat, MetaAd, MetaAdAccount, MetaInsightRow } from './schemas';

function metaMappingLabel(mapping: MetaConversionMapping): string {
  return describeMapping(
    `actions[${mapping.actionType}]`,
    `action_values[${mapping.actionType}]`,
    `attribution=${mapping.attributionWindows.join(',')}`,
  );
}

function statFor(stats: readonly MetaActionStat[] | undefined, actionType: string): string | undefined {
  return stats?.find((stat) => stat.action_type === actionType)?.value;
}

/**
 * Campaign-day insight rows (time_increment=1, so `date_start` is the day, in the ad account's time
 * zone) to records. Money is a decimal string in the account currency. Conversions and revenue come
 * from ONE action type; when `action_values` has no entry for it, Meta reported no value, so revenue
 * is null rather than 0.
 */
export function normalizeMetaInsights(
  rows: readonly MetaInsightRow[],
  account: AdAccount,
  mapping: MetaConversionMapping,
  creativesByCampaign: ReadonlyMap<string, Creative[]>,
): NormalizedMetricRecord[] {
  const conversionMapping = metaMappingLabel(mapping);
  return rows.map((row) => {
    if (row.date_start !== row.date_stop) {
      throw new RangeError(`Meta row spans ${row.date_start}..${row.date_stop}; expected one day per row`);
    }
    const conversions = statFor(row.actions, mapping.actionType);
    const revenue = statFor(row.action_values, mapping.actionType);
    return {
      providerId: 'facebook',
      accountId: account.id,
      date: row.date_start,
      timeZone: account.timeZone,
      currencyCode: row.account_currency ?? account.currencyCode,
      spend: moneyFromDecimal(row.spend ?? '0'),
      impressions: countFromWire(row.impressions ?? '0'),
      clicks: countFromWire(row.clicks ?? '0'),
      conversions: conversions === undefined ? 0 : quantityFromWire(conversions),
      revenue: revenue === undefined ? null : moneyFromDecimal(revenue),
      creatives: creativesByCampaign.get(row.campaign_id) ?? [],
      campaign: { id: row.campaign_id, name: row.campaign_name ?? '', objective: row.objective ?? null },
      conversionMapping,
      rawPayloadRef: null,
    };
  });
}

const OBJECT_TYPES: Record<string, string> = {
  VIDEO: 'video',
  PHOTO: 'image',
  SHARE: 'link',
  STATUS: 'text',
};

export function metaCreativesByCampaign(ads: readonly MetaAd[]): Map<string, Creative[]> {
  const byCampaign = new Map<string, Creative[]>();
  for (const ad of ads) {
    if (!ad.campaign_id) continue;
    const creative = ad.creative;
    const url = creative?.image_url ?? creative?.thumbnail_url;
    const entry: Creative = {
      id: creative?.id ?? ad.id,
      name: creative?.name ?? ad.name ?? '',
      type: (creative?.object_type && OBJECT_TYPES[creative.object_type]) || 'other',
      ...(url !== undefined && { url }),
    };
    const list = byCampaign.get(ad.campaign_id) ?? [];
    if (!list.some((c) => c.id === entry.id)) list.push(entry);
    byCampaign.set(ad.campaign_id, list);
  }
  return byCampaign;
}

/** Meta `account_status` codes. */
const ACCOUNT_STATUS: Record<number, AdAccount['status']> = {
  1: 'active',
  2: 'disabled',
  3: 'disabled',
  7: 'pending',
  8: 'pending',
  9: 'active',
  100: 'pending',
  101: 'closed',
  201: 'active',
  202: 'closed',
};

export function metaAdAccount(account: MetaAdAccount): AdAccount {
  return {
    id: account.account_id,
    name: account.name ?? account.account_id,
    currencyCode: account.currency,
    timeZone: account.timezone_name,
    status: ACCOUNT_STATUS[account.account_status] ?? 'unknown',
    isManager: false,
    loginCustomerId: null,
  };
}
