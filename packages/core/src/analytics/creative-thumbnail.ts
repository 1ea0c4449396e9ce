import type { ProviderId } from '../contract/provider-ids';

/**
 * The creative's thumbnail, where the platform gives one. Only Meta's connector stores an image
 * (`image_url`, else `thumbnail_url`) as the creative's url; Google, LinkedIn and TikTok store the
 * ad's landing page there, which is no picture. Only http(s) addresses are returned.
 */
export function creativeThumbnailUrl(providerId: ProviderId, url: string | null): string | null {
  if (providerId !== 'facebook' || url === null) return null;
  return /^https?:\/\//i.test(url) ? url : null;
}

/** The creative's landing page, where the connector stored one (never a script or data address). */
export function creativeLandingPageUrl(providerId: ProviderId, url: string | null): string | null {
  if (providerId === 'facebook' || url === null) return null;
  return /^https?:\/\//i.test(url) ? url : null;
}
