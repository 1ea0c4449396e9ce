/** Meta Marketing API: the one place its hosts and Graph API version live. */
export const metaGraphVersion = 'v25.0';

export const metaConfig = {
  dialogUrl: `https://www.facebook.com/${metaGraphVersion}/dialog/oauth`,
  graphBaseUrl: `https://graph.facebook.com/${metaGraphVersion}`,
  /** `ads_read` for insights; `business_management` to see accounts owned through Business Manager. */
  scopes: ['ads_read', 'business_management'],
  /** Rows per insights page (Meta's cursor paging). */
  pageSize: 500,
  /** Days per insights request: long ranges at campaign x day can time out synchronously. */
  maxDaysPerRequest: 31,
} as const;
