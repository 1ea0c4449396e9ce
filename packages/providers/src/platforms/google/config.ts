/** Google Ads: the one place its hosts and API version live (a version bump is one line). */
export const googleAdsApiVersion = 'v23';

export const googleConfig = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  apiBaseUrl: `https://googleads.googleapis.com/${googleAdsApiVersion}`,
  scopes: ['https://www.googleapis.com/auth/adwords'],
} as const;
