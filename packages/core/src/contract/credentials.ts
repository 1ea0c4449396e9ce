import { z } from 'zod';

/**
 * An OAuth grant as the platforms return it, normalized. It lives only encrypted at rest
 * (`users/{userId}/integrationCredentials/{providerId}`) and in a worker's memory during a sync.
 */
export const OAuthTokenSetSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  /** Null when the token does not expire (TikTok's reporting token). */
  accessTokenExpiresAt: z.date().nullable(),
  /** LinkedIn: 365 days after first consent, not extended by refreshing. */
  refreshTokenExpiresAt: z.date().nullable(),
  scopes: z.array(z.string()),
  /** Ad accounts the grant names itself (TikTok `advertiser_ids`); empty when the platform lists them separately. */
  grantedAccountIds: z.array(z.string()).default([]),
});
export type OAuthTokenSet = z.infer<typeof OAuthTokenSetSchema>;
