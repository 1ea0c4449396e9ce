import { z } from 'zod';

/**
 * Which platform fields are read as conversions and revenue. Platforms report the same purchase under
 * several names (Meta: `offsite_conversion.fb_pixel_purchase`, `purchase`, `omni_purchase`), so exactly
 * one is chosen per provider, never a sum, and the choice is recorded with the data
 * (`conversionMapping`). Revenue is null when the chosen field is absent from the platform's answer.
 */
export const GoogleConversionMappingSchema = z.object({
  conversions: z.enum(['metrics.conversions', 'metrics.all_conversions']).default('metrics.conversions'),
  revenue: z
    .enum(['metrics.conversions_value', 'metrics.all_conversions_value'])
    .nullable()
    .default('metrics.conversions_value'),
});

export const MetaConversionMappingSchema = z.object({
  /** The `action_type` read from `actions` (count) and `action_values` (value). */
  actionType: z
    .string()
    .regex(/^[a-z0-9_.]+$/, { error: 'must be a Meta action_type such as omni_purchase' })
    .default('omni_purchase'),
  /** `action_attribution_windows`; the design's default is 7-day click / 1-day view. */
  attributionWindows: z
    .array(z.enum(['1d_click', '7d_click', '28d_click', '1d_view', '1d_ev']))
    .min(1)
    .default(['7d_click', '1d_view']),
});

export const LinkedInConversionMappingSchema = z.object({
  conversions: z
    .enum(['externalWebsiteConversions', 'externalWebsitePostClickConversions', 'oneClickLeads'])
    .default('externalWebsiteConversions'),
  revenue: z.enum(['conversionValueInLocalCurrency']).nullable().default('conversionValueInLocalCurrency'),
});

export const TikTokConversionMappingSchema = z.object({
  conversions: z.enum(['complete_payment', 'conversion', 'onsite_shopping']).default('complete_payment'),
  /** `total_complete_payment_rate` is, despite its name, the purchase value. */
  revenue: z
    .enum(['total_complete_payment_rate', 'total_onsite_shopping_value'])
    .nullable()
    .default('total_complete_payment_rate'),
});

export type GoogleConversionMapping = z.infer<typeof GoogleConversionMappingSchema>;
export type MetaConversionMapping = z.infer<typeof MetaConversionMappingSchema>;
export type LinkedInConversionMapping = z.infer<typeof LinkedInConversionMappingSchema>;
export type TikTokConversionMapping = z.infer<typeof TikTokConversionMappingSchema>;

export const ConversionMappingsSchema = z.object({
  google: GoogleConversionMappingSchema.default(GoogleConversionMappingSchema.parse({})),
  facebook: MetaConversionMappingSchema.default(MetaConversionMappingSchema.parse({})),
  linkedin: LinkedInConversionMappingSchema.default(LinkedInConversionMappingSchema.parse({})),
  tiktok: TikTokConversionMappingSchema.default(TikTokConversionMappingSchema.parse({})),
});
export type ConversionMappings = z.infer<typeof ConversionMappingsSchema>;
export type ConversionMappingsInput = z.input<typeof ConversionMappingsSchema>;

/** The `conversionMapping` string stored with each record. */
export function describeMapping(conversions: string, revenue: string | null, extra?: string): string {
  return [`conversions=${conversions}`, `revenue=${revenue ?? 'none'}`, ...(extra ? [extra] : [])].join('; ');
}
