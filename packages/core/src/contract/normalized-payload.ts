import { z } from 'zod';
import { CurrencyCodeSchema, IsoDateSchema, TimeZoneSchema } from './dates';
import { ProviderIdSchema } from './provider-ids';
import { RawPayloadRefSchema } from './raw-payload-ref';

export const CreativeSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  type: z.string(),
  url: z.string().optional(),
});
export type Creative = z.infer<typeof CreativeSchema>;

export const CampaignRefSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  objective: z.string().nullable(),
});
export type CampaignRef = z.infer<typeof CampaignRefSchema>;

const nonNegativeCount = z.number().finite().nonnegative();

/**
 * One campaign's numbers for one account-local day: the normalized shape every connector returns,
 * plus the account, its time zone, and the conversion mapping the numbers were read with.
 */
export const NormalizedMetricRecordSchema = z.object({
  providerId: ProviderIdSchema,
  accountId: z.string().min(1),
  date: IsoDateSchema,
  timeZone: TimeZoneSchema,
  currencyCode: CurrencyCodeSchema,
  spend: nonNegativeCount,
  impressions: z.int().nonnegative(),
  clicks: z.int().nonnegative(),
  /** Fractional conversions are real (Google attributes fractions across clicks). */
  conversions: nonNegativeCount,
  /** Null when the platform does not report conversion value; never a stand-in 0. */
  revenue: nonNegativeCount.nullable(),
  creatives: z.array(CreativeSchema),
  campaign: CampaignRefSchema,
  /** Which platform fields were read as conversions and revenue, e.g. `actions[purchase]`. */
  conversionMapping: z.string(),
  rawPayloadRef: RawPayloadRefSchema.nullable(),
});
export type NormalizedMetricRecord = z.infer<typeof NormalizedMetricRecordSchema>;
