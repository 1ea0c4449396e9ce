/** TikTok API for Business: the one place its hosts and API version live. */
export const tiktokApiVersion = 'v1.3';

export const tiktokConfig = {
  authorizeUrl: 'https://business-api.tiktok.com/portal/auth',
  apiBaseUrl: `https://business-api.tiktok.com/open_api/${tiktokApiVersion}`,
  /** `stat_time_day` reports cover at most 30 days per request. */
  maxDaysPerRequest: 30,
  pageSize: 1000,
  /** `advertiser/info` takes at most 100 ids. */
  maxAdvertisersPerInfo: 100,
} as const;
