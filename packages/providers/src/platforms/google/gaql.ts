import type { IsoDate } from '@cohorts/core/contract';
import type { GoogleConversionMapping } from '../../conversion-mapping';

// The GAQL queries the connector runs (field names as of Google Ads API v23).

/** Campaign x day, in the account's time zone. Dates are validated `IsoDate`s before they get here. */
export function campaignDayQuery(start: IsoDate, end: IsoDate, mapping: GoogleConversionMapping): string {
  const metrics = ['metrics.cost_micros', 'metrics.impressions', 'metrics.clicks', mapping.conversions];
  if (mapping.revenue) metrics.push(mapping.revenue);
  return [
    'SELECT customer.id, customer.currency_code, customer.time_zone, campaign.id, campaign.name,',
    `campaign.status, campaign.advertising_channel_type, segments.date, ${metrics.join(', ')}`,
    `FROM campaign WHERE segments.date BETWEEN '${start}' AND '${end}'`,
  ].join(' ');
}

/** Every client below (and including) a customer, with what an AdAccount needs. */
export const customerClientQuery = [
  'SELECT customer_client.client_customer, customer_client.id, customer_client.descriptive_name,',
  'customer_client.currency_code, customer_client.time_zone, customer_client.status,',
  'customer_client.manager, customer_client.level FROM customer_client',
].join(' ');

/** Ads that still exist, for the creatives of each campaign. */
export const adQuery = [
  'SELECT campaign.id, ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.ad.type,',
  "ad_group_ad.ad.final_urls, ad_group_ad.status FROM ad_group_ad WHERE ad_group_ad.status != 'REMOVED'",
].join(' ');
