import { IsoDateSchema } from '@cohorts/core/contract';
import { z } from 'zod';

/** Graph numbers are JSON strings (decimal for money). */
const NumericString = z.string().regex(/^-?\d+(\.\d+)?$/);

export const MetaTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

export const MetaPermissionsSchema = z.object({
  data: z.array(z.object({ permission: z.string(), status: z.string() })),
});

const PagingSchema = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
  })
  .optional();

const MetaAdAccountSchema = z.object({
  id: z.string().regex(/^act_\d+$/),
  account_id: z.string().regex(/^\d+$/),
  name: z.string().optional(),
  currency: z.string(),
  timezone_name: z.string(),
  account_status: z.number().int(),
});
export const MetaAdAccountsPageSchema = z.object({
  data: z.array(MetaAdAccountSchema),
  paging: PagingSchema,
});
export type MetaAdAccount = z.infer<typeof MetaAdAccountSchema>;

const ActionStatSchema = z.looseObject({ action_type: z.string(), value: NumericString });
export type MetaActionStat = z.infer<typeof ActionStatSchema>;

const MetaInsightRowSchema = z.object({
  account_id: z.string().optional(),
  campaign_id: z.string().min(1),
  campaign_name: z.string().optional(),
  objective: z.string().optional(),
  account_currency: z.string().optional(),
  spend: NumericString.optional(),
  impressions: NumericString.optional(),
  clicks: NumericString.optional(),
  actions: z.array(ActionStatSchema).optional(),
  action_values: z.array(ActionStatSchema).optional(),
  date_start: IsoDateSchema,
  date_stop: IsoDateSchema,
});
export const MetaInsightsPageSchema = z.object({ data: z.array(MetaInsightRowSchema), paging: PagingSchema });
export type MetaInsightRow = z.infer<typeof MetaInsightRowSchema>;

const MetaAdSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  campaign_id: z.string().optional(),
  creative: z
    .object({
      id: z.string(),
      name: z.string().optional(),
      object_type: z.string().optional(),
      thumbnail_url: z.string().optional(),
      image_url: z.string().optional(),
    })
    .optional(),
});
export const MetaAdsPageSchema = z.object({ data: z.array(MetaAdSchema), paging: PagingSchema });
export type MetaAd = z.infer<typeof MetaAdSchema>;

export const MetaErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

export const MetaSuccessSchema = z.object({ success: z.boolean() });
