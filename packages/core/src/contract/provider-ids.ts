import { z } from 'zod';

/** Firestore `providerId` values, as the existing `adIntegrations` documents name them. */
export const providerIds = ['google', 'facebook', 'linkedin', 'tiktok'] as const;
export const ProviderIdSchema = z.enum(providerIds);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

/** URL slugs (`/api/integrations/{slug}/oauth/...`); Meta is `meta` in URLs but `facebook` in Firestore. */
export const providerSlugs = ['google', 'meta', 'linkedin', 'tiktok'] as const;
export const ProviderSlugSchema = z.enum(providerSlugs);
export type ProviderSlug = z.infer<typeof ProviderSlugSchema>;

const slugByProviderId: Record<ProviderId, ProviderSlug> = {
  google: 'google',
  facebook: 'meta',
  linkedin: 'linkedin',
  tiktok: 'tiktok',
};

const providerIdBySlug: Record<ProviderSlug, ProviderId> = {
  google: 'google',
  meta: 'facebook',
  linkedin: 'linkedin',
  tiktok: 'tiktok',
};

export function providerSlugFor(providerId: ProviderId): ProviderSlug {
  return slugByProviderId[providerId];
}

export function providerIdForSlug(slug: ProviderSlug): ProviderId {
  return providerIdBySlug[slug];
}

/** The names users see in the dashboard. */
export const providerDisplayNames: Record<ProviderId, string> = {
  google: 'Google Ads',
  facebook: 'Meta Ads',
  linkedin: 'LinkedIn Ads',
  tiktok: 'TikTok Ads',
};
