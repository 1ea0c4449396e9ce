import { z } from 'zod';

/** Every answer, errors included, is HTTP 200 with this envelope; `code` 0 is success. */
function tiktokEnvelope<Data extends z.ZodType>(data: Data) {
  return z.object({
    code: z.number(),
    message: z.string().optional(),
    request_id: z.string().optional(),
    data,
  });
}

export const TikTokEnvelopeSchema = z.object({
  code: z.number(),
  message: z.string().optional(),
  request_id: z.string().optional(),
});

const PageInfoSchema = z.object({
  page: z.number().int(),
  page_size: z.number().int().optional(),
  total_number: z.number().int().optional(),
  total_page: z.number().int(),
});

export const TikTokTokenSchema = tiktokEnvelope(
  z.object({
    access_token: z.string().min(1),
    advertiser_ids: z.array(z.union([z.string(), z.number()])).default([]),
    scope: z.array(z.union([z.string(), z.number()])).default([]),
  }),
);

export const TikTokAuthorizedAdvertisersSchema = tiktokEnvelope(
  z.object({
    list: z.array(
      z.object({ advertiser_id: z.union([z.string(), z.number()]), advertiser_name: z.string().optional() }),
    ),
  }),
);

const TikTokAdvertiserInfoSchema = z.object({
  advertiser_id: z.union([z.string(), z.number()]),
  name: z.string().optional(),
  currency: z.string(),
  timezone: z.string().optional(),
  display_timezone: z.string().optional(),
  status: z.string().optional(),
});
export const TikTokAdvertiserInfoResponseSchema = tiktokEnvelope(
  z.object({ list: z.array(TikTokAdvertiserInfoSchema) }),
);
export type TikTokAdvertiserInfo = z.infer<typeof TikTokAdvertiserInfoSchema>;

/** Report metric values are strings; `"-"` where a metric does not apply. */
const MetricValue = z.union([z.string(), z.number()]);

const TikTokReportRowSchema = z.object({
  dimensions: z.object({
    campaign_id: z.union([z.string(), z.number()]),
    stat_time_day: z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/),
  }),
  metrics: z.record(z.string(), MetricValue),
});
export const TikTokReportSchema = tiktokEnvelope(
  z.object({ list: z.array(TikTokReportRowSchema), page_info: PageInfoSchema }),
);
export type TikTokReportRow = z.infer<typeof TikTokReportRowSchema>;

const TikTokCampaignSchema = z.object({
  campaign_id: z.union([z.string(), z.number()]),
  campaign_name: z.string().optional(),
  objective_type: z.string().optional(),
});
export const TikTokCampaignsSchema = tiktokEnvelope(
  z.object({ list: z.array(TikTokCampaignSchema), page_info: PageInfoSchema }),
);
export type TikTokCampaign = z.infer<typeof TikTokCampaignSchema>;

const TikTokAdSchema = z.object({
  ad_id: z.union([z.string(), z.number()]),
  ad_name: z.string().optional(),
  campaign_id: z.union([z.string(), z.number()]).optional(),
  ad_format: z.string().optional(),
  landing_page_url: z.string().nullable().optional(),
});
export const TikTokAdsSchema = tiktokEnvelope(
  z.object({ list: z.array(TikTokAdSchema), page_info: PageInfoSchema }),
);
export type TikTokAd = z.infer<typeof TikTokAdSchema>;

export const TikTokEmptySchema = tiktokEnvelope(z.unknown());
