import { z } from 'zod';
import { CurrencyCodeSchema, IsoDateSchema, TimeZoneSchema } from './dates';
import { CampaignRefSchema, CreativeSchema } from './normalized-payload';
import { ProviderIdSchema } from './provider-ids';
import { RawPayloadRefSchema } from './raw-payload-ref';

const money = z.number().finite().nonnegative();
const count = z.number().finite().nonnegative();

export const MetricValuesSchema = z.object({
  spend: money,
  impressions: z.int().nonnegative(),
  clicks: z.int().nonnegative(),
  conversions: count,
  revenue: money.nullable(),
});
export type MetricValues = z.infer<typeof MetricValuesSchema>;

export const CampaignMetricsSchema = CampaignRefSchema.extend({
  accountId: z.string().min(1),
  currencyCode: CurrencyCodeSchema,
  ...MetricValuesSchema.shape,
});
export type CampaignMetrics = z.infer<typeof CampaignMetricsSchema>;

/** Money totals for one currency of the day. */
export const CurrencyTotalsSchema = z.object({
  currencyCode: CurrencyCodeSchema,
  spend: money,
  revenue: money.nullable(),
});
export type CurrencyTotals = z.infer<typeof CurrencyTotalsSchema>;

/**
 * `users/{userId}/adMetrics/{YYYY-MM-DD}_{providerId}`: one provider's account-local day.
 * Counts are summed across accounts. Money is summed only within one currency: when the day's
 * accounts use several currencies, `currencyCode`, `spend` and `revenue` are null and
 * `currencyTotals` holds one entry per currency (never a silent cross-currency sum).
 */
export const AdMetricsDaySchema = z.object({
  providerId: ProviderIdSchema,
  date: IsoDateSchema,
  currencyCode: CurrencyCodeSchema.nullable(),
  spend: money.nullable(),
  impressions: z.int().nonnegative(),
  clicks: z.int().nonnegative(),
  conversions: count,
  revenue: money.nullable(),
  currencyTotals: z.array(CurrencyTotalsSchema).min(1),
  /** The time zones whose local day this is (one per account unless accounts differ). */
  timeZones: z.array(TimeZoneSchema).min(1),
  campaigns: z.array(CampaignMetricsSchema),
  creatives: z.array(CreativeSchema),
  conversionMapping: z.string(),
  rawPayloadRef: RawPayloadRefSchema.nullable(),
  syncedAt: z.date(),
});
export type AdMetricsDay = z.infer<typeof AdMetricsDaySchema>;
