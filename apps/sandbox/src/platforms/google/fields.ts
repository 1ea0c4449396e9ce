import type { IsoDate } from '../../data/dates';
import type { SandboxAccount, SandboxCampaign, SandboxCreative } from '../../data/model';

/** What one GAQL row is made of before its fields are read. */
export interface RowSource {
  /** The customer in the URL (`customers/{id}`). */
  customer: SandboxAccount;
  campaign?: SandboxCampaign;
  creative?: SandboxCreative;
  client?: { account: SandboxAccount; level: number };
  date?: IsoDate;
  metrics?: MetricTotals;
}

export interface MetricTotals {
  costMicros: bigint;
  impressions: number;
  clicks: number;
  conversionsCenti: number;
  valueMicros: bigint;
}

type FieldType = 'INT64' | 'DOUBLE' | 'STRING' | 'ENUM' | 'BOOLEAN' | 'DATE' | 'STRING_LIST' | 'TEXT_ASSETS';
type FieldCategory = 'ATTRIBUTE' | 'SEGMENT' | 'METRIC';

export interface FieldDef {
  type: FieldType;
  category: FieldCategory;
  /** The field's value, or undefined when the row has none. */
  read(row: RowSource): string | number | bigint | boolean | string[] | undefined;
}

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

const adGroupId = (campaign: SandboxCampaign) => `9${campaign.id}`;

const attr = (type: FieldType, read: FieldDef['read']): FieldDef => ({ type, category: 'ATTRIBUTE', read });
const metric = (type: FieldType, read: (m: MetricTotals) => number | bigint): FieldDef => ({
  type,
  category: 'METRIC',
  read: (row) => (row.metrics ? read(row.metrics) : undefined),
});

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const conversions = (m: MetricTotals) => m.conversionsCenti / 100;
const value = (m: MetricTotals) => Number(m.valueMicros) / 1_000_000;
/** "All conversions" add cross-device and view-through ones: about a tenth more. */
const allConversions = (m: MetricTotals) => Math.round(m.conversionsCenti * 1.1) / 100;
const allValue = (m: MetricTotals) => Math.round(value(m) * 110) / 100;

function customerFields(prefix: 'customer' | 'customer_client'): Record<string, FieldDef> {
  const account = (row: RowSource) => (prefix === 'customer' ? row.customer : row.client?.account);
  return {
    [`${prefix}.id`]: attr('INT64', (row) => account(row)?.id),
    [`${prefix}.descriptive_name`]: attr('STRING', (row) => account(row)?.name),
    [`${prefix}.currency_code`]: attr('STRING', (row) => account(row)?.currency),
    [`${prefix}.time_zone`]: attr('STRING', (row) => account(row)?.timeZone),
    [`${prefix}.manager`]: attr('BOOLEAN', (row) => account(row)?.isManager),
    [`${prefix}.status`]: attr('ENUM', (row) => {
      const status = account(row)?.platformStatus;
      return status === undefined ? undefined : String(status);
    }),
    [`${prefix}.test_account`]: attr('BOOLEAN', () => false),
  };
}

/** The fields the sandbox knows, by their GAQL name. */
export const googleFields: Record<string, FieldDef> = {
  ...customerFields('customer'),
  'customer.resource_name': attr('STRING', (row) => `customers/${row.customer.id}`),
  ...customerFields('customer_client'),
  'customer_client.client_customer': attr('STRING', (row) =>
    row.client ? `customers/${row.client.account.id}` : undefined,
  ),
  'customer_client.level': attr('INT64', (row) => row.client?.level),
  'customer_client.hidden': attr('BOOLEAN', () => false),
  'customer_client.resource_name': attr('STRING', (row) =>
    row.client ? `customers/${row.customer.id}/customerClients/${row.client.account.id}` : undefined,
  ),

  'campaign.id': attr('INT64', (row) => row.campaign?.id),
  'campaign.name': attr('STRING', (row) => row.campaign?.name),
  'campaign.status': attr('ENUM', (row) => row.campaign?.status),
  'campaign.advertising_channel_type': attr('ENUM', (row) => row.campaign?.objective),
  'campaign.advertising_channel_sub_type': attr('ENUM', () => 'UNSPECIFIED'),
  'campaign.serving_status': attr('ENUM', (row) =>
    row.campaign
      ? ({ active: 'SERVING', paused: 'SUSPENDED', ended: 'ENDED' } as const)[row.campaign.state]
      : undefined,
  ),
  'campaign.bidding_strategy_type': attr('ENUM', (row) =>
    row.campaign
      ? row.campaign.profile.conversionKind === 'none'
        ? 'TARGET_CPM'
        : 'MAXIMIZE_CONVERSIONS'
      : undefined,
  ),
  'campaign.start_date': attr('DATE', (row) => row.campaign?.startDate),
  'campaign.end_date': attr('DATE', (row) =>
    row.campaign ? (row.campaign.endDate ?? '2037-12-30') : undefined,
  ),
  'campaign.start_date_time': attr('STRING', (row) =>
    row.campaign ? `${row.campaign.startDate} 00:00:00` : undefined,
  ),
  'campaign.end_date_time': attr('STRING', (row) =>
    row.campaign ? `${row.campaign.endDate ?? '2037-12-30'} 23:59:59` : undefined,
  ),
  'campaign.resource_name': attr('STRING', (row) =>
    row.campaign ? `customers/${row.customer.id}/campaigns/${row.campaign.id}` : undefined,
  ),

  'ad_group.id': attr('INT64', (row) => (row.campaign ? adGroupId(row.campaign) : undefined)),
  'ad_group.name': attr('STRING', (row) => (row.campaign ? `${row.campaign.name} - Ad group 1` : undefined)),
  'ad_group.status': attr('ENUM', () => 'ENABLED'),
  'ad_group.campaign': attr('STRING', (row) =>
    row.campaign ? `customers/${row.customer.id}/campaigns/${row.campaign.id}` : undefined,
  ),
  'ad_group.resource_name': attr('STRING', (row) =>
    row.campaign ? `customers/${row.customer.id}/adGroups/${adGroupId(row.campaign)}` : undefined,
  ),

  'ad_group_ad.status': attr('ENUM', (row) => (row.campaign?.state === 'paused' ? 'PAUSED' : 'ENABLED')),
  'ad_group_ad.ad_group': attr('STRING', (row) =>
    row.campaign ? `customers/${row.customer.id}/adGroups/${adGroupId(row.campaign)}` : undefined,
  ),
  'ad_group_ad.resource_name': attr('STRING', (row) =>
    row.campaign && row.creative
      ? `customers/${row.customer.id}/adGroupAds/${adGroupId(row.campaign)}~${row.creative.id}`
      : undefined,
  ),
  'ad_group_ad.ad.id': attr('INT64', (row) => row.creative?.id),
  'ad_group_ad.ad.name': attr('STRING', (row) => row.creative?.name),
  'ad_group_ad.ad.type': attr('ENUM', (row) => row.creative?.format),
  'ad_group_ad.ad.final_urls': attr('STRING_LIST', (row) =>
    row.creative ? [row.creative.landingPageUrl] : undefined,
  ),
  'ad_group_ad.ad.resource_name': attr('STRING', (row) =>
    row.creative ? `customers/${row.customer.id}/ads/${row.creative.id}` : undefined,
  ),
  'ad_group_ad.ad.responsive_search_ad.headlines': attr('TEXT_ASSETS', (row) =>
    row.creative?.format === 'RESPONSIVE_SEARCH_AD' ? [row.creative.headline, row.creative.name] : undefined,
  ),
  'ad_group_ad.ad.responsive_search_ad.descriptions': attr('TEXT_ASSETS', (row) =>
    row.creative?.format === 'RESPONSIVE_SEARCH_AD' ? [`Shop ${row.customer.name} today.`] : undefined,
  ),
  'ad_group_ad.policy_summary.approval_status': attr('ENUM', () => 'APPROVED'),

  'segments.date': { type: 'DATE', category: 'SEGMENT', read: (row) => row.date },
  'segments.day_of_week': {
    type: 'ENUM',
    category: 'SEGMENT',
    read: (row) => (row.date ? DAYS[new Date(`${row.date}T00:00:00Z`).getUTCDay()] : undefined),
  },

  'metrics.cost_micros': metric('INT64', (m) => m.costMicros),
  'metrics.impressions': metric('INT64', (m) => m.impressions),
  'metrics.clicks': metric('INT64', (m) => m.clicks),
  'metrics.interactions': metric('INT64', (m) => m.clicks),
  'metrics.conversions': metric('DOUBLE', conversions),
  'metrics.conversions_value': metric('DOUBLE', value),
  'metrics.all_conversions': metric('DOUBLE', allConversions),
  'metrics.all_conversions_value': metric('DOUBLE', allValue),
  'metrics.view_through_conversions': metric('INT64', () => 0),
  'metrics.ctr': metric('DOUBLE', (m) => ratio(m.clicks, m.impressions)),
  'metrics.average_cpc': metric('DOUBLE', (m) => ratio(Number(m.costMicros), m.clicks)),
  'metrics.average_cpm': metric('DOUBLE', (m) => ratio(Number(m.costMicros) * 1000, m.impressions)),
  'metrics.cost_per_conversion': metric('DOUBLE', (m) => ratio(Number(m.costMicros), conversions(m))),
};

/** The resources a FROM clause may name, and the resources whose fields each may select. */
export const selectableFrom: Record<string, readonly string[]> = {
  customer: ['customer', 'segments', 'metrics'],
  customer_client: ['customer_client', 'customer'],
  campaign: ['campaign', 'customer', 'segments', 'metrics'],
  ad_group: ['ad_group', 'campaign', 'customer'],
  ad_group_ad: ['ad_group_ad', 'ad_group', 'campaign', 'customer'],
};

const camel = (segment: string) => segment.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const camelPaths = new Map<string, string[]>();

export function camelPath(field: string): string[] {
  let path = camelPaths.get(field);
  if (!path) {
    path = field.split('.').map(camel);
    camelPaths.set(field, path);
  }
  return path;
}

/** Proto3 JSON: int64 as strings, default values (0, "", false, UNSPECIFIED, []) left out. */
export function renderValue(def: FieldDef, raw: ReturnType<FieldDef['read']>): unknown {
  if (raw === undefined) return undefined;
  switch (def.type) {
    case 'INT64': {
      const text = String(raw);
      return text === '0' ? undefined : text;
    }
    case 'DOUBLE':
      return raw === 0 ? undefined : Number(raw);
    case 'BOOLEAN':
      return raw === true ? true : undefined;
    case 'ENUM':
      return raw === 'UNSPECIFIED' ? undefined : raw;
    case 'STRING_LIST':
      return Array.isArray(raw) && raw.length > 0 ? raw : undefined;
    case 'TEXT_ASSETS':
      return Array.isArray(raw) && raw.length > 0 ? raw.map((text) => ({ text })) : undefined;
    default:
      return raw === '' ? undefined : raw;
  }
}
