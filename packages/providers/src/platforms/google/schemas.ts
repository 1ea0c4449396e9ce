import { IsoDateSchema } from '@cohorts/core/contract';
import { z } from 'zod';

/** int64 fields arrive as JSON strings (proto3 JSON mapping); accept numbers too. */
const Int64Schema = z.union([z.string().regex(/^-?\d+$/), z.int()]);

export const GoogleTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});

export const ListAccessibleCustomersSchema = z.object({
  resourceNames: z.array(z.string().regex(/^customers\/\d+$/)).default([]),
});

/** searchStream answers with an array of batches; zero-valued fields are left out of each row. */
function streamOf<Row extends z.ZodType>(row: Row) {
  return z.array(
    z.object({
      results: z.array(row).default([]),
      fieldMask: z.string().optional(),
      requestId: z.string().optional(),
    }),
  );
}

const CustomerClientRowSchema = z.object({
  customerClient: z.object({
    clientCustomer: z.string().optional(),
    id: Int64Schema,
    descriptiveName: z.string().optional(),
    currencyCode: z.string().optional(),
    timeZone: z.string().optional(),
    status: z.string().optional(),
    manager: z.boolean().default(false),
    level: Int64Schema.default('0'),
  }),
});
export const CustomerClientStreamSchema = streamOf(CustomerClientRowSchema);
export type CustomerClientRow = z.infer<typeof CustomerClientRowSchema>;

const MetricsSchema = z.object({
  costMicros: Int64Schema.optional(),
  impressions: Int64Schema.optional(),
  clicks: Int64Schema.optional(),
  conversions: z.number().optional(),
  conversionsValue: z.number().optional(),
  allConversions: z.number().optional(),
  allConversionsValue: z.number().optional(),
});

const CampaignDayRowSchema = z.object({
  customer: z
    .object({
      id: Int64Schema.optional(),
      currencyCode: z.string().optional(),
      timeZone: z.string().optional(),
    })
    .optional(),
  campaign: z.object({
    resourceName: z.string().optional(),
    id: Int64Schema,
    name: z.string().optional(),
    status: z.string().optional(),
    advertisingChannelType: z.string().optional(),
  }),
  segments: z.object({ date: IsoDateSchema }),
  // A row whose metrics are all zero may carry no `metrics` object at all.
  metrics: MetricsSchema.default({}),
});
export const CampaignDayStreamSchema = streamOf(CampaignDayRowSchema);
export type CampaignDayRow = z.infer<typeof CampaignDayRowSchema>;

const AdRowSchema = z.object({
  campaign: z.object({ id: Int64Schema }),
  adGroupAd: z.object({
    status: z.string().optional(),
    ad: z.object({
      id: Int64Schema,
      name: z.string().optional(),
      type: z.string().optional(),
      finalUrls: z.array(z.string()).default([]),
    }),
  }),
});
export const AdStreamSchema = streamOf(AdRowSchema);
export type AdRow = z.infer<typeof AdRowSchema>;

/** The REST error envelope (also sent as a one-element array by searchStream). */
export const GoogleAdsErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z
      .array(
        z.looseObject({
          '@type': z.string().optional(),
          errors: z
            .array(
              z.object({
                errorCode: z.record(z.string(), z.string()).optional(),
                message: z.string().optional(),
                details: z
                  .object({
                    quotaErrorDetails: z
                      .object({
                        rateScope: z.string().optional(),
                        rateName: z.string().optional(),
                        retryDelay: z.string().optional(),
                      })
                      .optional(),
                  })
                  .optional(),
              }),
            )
            .optional(),
        }),
      )
      .optional(),
  }),
});
export type GoogleAdsErrorBody = z.infer<typeof GoogleAdsErrorSchema>;
