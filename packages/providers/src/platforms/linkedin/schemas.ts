import { z } from 'zod';

export const LinkedInTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().optional(),
  scope: z.string().optional(),
});
export type LinkedInTokenResponse = z.infer<typeof LinkedInTokenResponseSchema>;

const PagedMetadataSchema = z.object({ nextPageToken: z.string().optional() }).optional();

const LinkedInAdAccountSchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  name: z.string().optional(),
  currency: z.string(),
  status: z.string().optional(),
  type: z.string().optional(),
  test: z.boolean().optional(),
});
export const LinkedInAdAccountsPageSchema = z.object({
  elements: z.array(LinkedInAdAccountSchema),
  metadata: PagedMetadataSchema,
});
export type LinkedInAdAccount = z.infer<typeof LinkedInAdAccountSchema>;

const LinkedInCampaignSchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  name: z.string().optional(),
  objectiveType: z.string().optional(),
  status: z.string().optional(),
});
export const LinkedInCampaignsPageSchema = z.object({
  elements: z.array(LinkedInCampaignSchema),
  metadata: PagedMetadataSchema,
});
export type LinkedInCampaign = z.infer<typeof LinkedInCampaignSchema>;

const DatePartsSchema = z.object({ year: z.number().int(), month: z.number().int(), day: z.number().int() });
const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

/** An adAnalytics element: counts are integers, money is a decimal string in major units. */
const LinkedInAnalyticsElementSchema = z.looseObject({
  dateRange: z.object({ start: DatePartsSchema, end: DatePartsSchema.optional() }),
  pivotValues: z.array(z.string()).min(1),
  impressions: z.number().optional(),
  clicks: z.number().optional(),
  costInLocalCurrency: z.union([Decimal, z.literal('')]).optional(),
  externalWebsiteConversions: z.number().optional(),
  externalWebsitePostClickConversions: z.number().optional(),
  oneClickLeads: z.number().optional(),
  conversionValueInLocalCurrency: z.union([Decimal, z.literal('')]).optional(),
});
export const LinkedInAnalyticsSchema = z.object({ elements: z.array(LinkedInAnalyticsElementSchema) });
export type LinkedInAnalyticsElement = z.infer<typeof LinkedInAnalyticsElementSchema>;

const LinkedInCreativeSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  campaign: z.string().optional(),
  intendedStatus: z.string().optional(),
  content: z
    .looseObject({
      reference: z.string().optional(),
      textAd: z.object({ headline: z.string().optional(), landingPage: z.string().optional() }).optional(),
    })
    .optional(),
});
export const LinkedInCreativesPageSchema = z.object({
  elements: z.array(LinkedInCreativeSchema),
  metadata: PagedMetadataSchema,
});
export type LinkedInCreative = z.infer<typeof LinkedInCreativeSchema>;

export const LinkedInErrorSchema = z.object({
  status: z.number().optional(),
  serviceErrorCode: z.number().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
