/**
 * LinkedIn Marketing API: the one place its hosts and `LinkedIn-Version` live. LinkedIn serves a
 * version for about a year (then HTTP 426), so this moves forward at least yearly.
 */
export const linkedInApiVersion = '202606';

export const linkedInConfig = {
  authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization',
  tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
  revokeUrl: 'https://www.linkedin.com/oauth/v2/revoke',
  restBaseUrl: 'https://api.linkedin.com/rest',
  restliProtocolVersion: '2.0.0',
  /** `r_ads` for accounts, campaigns and creatives; `r_ads_reporting` for adAnalytics. */
  scopes: ['r_ads', 'r_ads_reporting'],
  /** adAnalytics accepts at most 20 fields per request. */
  maxFieldsPerRequest: 20,
  /** adAnalytics answers at most ~15,000 elements (days x campaigns) and has no paging. */
  maxElementsPerRequest: 15_000,
  pageSize: 100,
} as const;
