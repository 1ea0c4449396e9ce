import { type Creative, daysBetween } from '@cohorts/core/contract';
import type {
  AccountMetricsResult,
  AccountWindow,
  CredentialContext,
  MetricsFetchRequest,
  RawResponse,
} from '../../connector';
import type { LinkedInConversionMapping } from '../../conversion-mapping';
import { chunkDateRange } from '../../util/date-chunks';
import { creativesWarning } from '../shared/creatives';
import type { PlatformDeps } from '../shared/platform-deps';
import { assertWindow } from '../shared/windows';
import { analyticsMetricFields, mergeAnalyticsElements, splitAnalyticsFields } from './analytics-fields';
import { linkedInPages, linkedInRequest } from './api';
import { linkedInConfig } from './config';
import { linkedInCreativesByCampaign, normalizeLinkedInAnalytics } from './normalize';
import { restliDateRange, restliList, sponsoredAccountUrn } from './restli';
import {
  type LinkedInAnalyticsElement,
  LinkedInAnalyticsSchema,
  type LinkedInCampaign,
  LinkedInCampaignsPageSchema,
  LinkedInCreativesPageSchema,
} from './schemas';

const CAMPAIGN_STATUSES = [
  'ACTIVE',
  'PAUSED',
  'ARCHIVED',
  'COMPLETED',
  'CANCELED',
  'DRAFT',
  'PENDING_DELETION',
  'REMOVED',
];

/** Days per adAnalytics call so that days x campaigns stays under LinkedIn's element cap. */
export function linkedInDaysPerRequest(campaignCount: number): number {
  return Math.max(1, Math.floor(linkedInConfig.maxElementsPerRequest / Math.max(1, campaignCount)));
}

/**
 * One account: its campaigns (names and objectives: adAnalytics returns only URNs), adAnalytics by
 * CAMPAIGN and DAILY in date chunks under the element cap and field groups under the 20-field
 * limit, then its creatives.
 */
export async function fetchLinkedInAccount(
  deps: PlatformDeps,
  credential: CredentialContext,
  window: AccountWindow,
  mapping: LinkedInConversionMapping,
  request: Pick<MetricsFetchRequest, 'onProgress'>,
  signal: AbortSignal,
): Promise<AccountMetricsResult> {
  const { account } = window;
  assertWindow('linkedin', window);
  const raw: RawResponse[] = [];
  const call = { credential, accountId: account.id, signal };
  const keep = (label: string) => (body: unknown) =>
    raw.push({ accountId: account.id, request: label, body });

  const campaignsLabel = `campaigns of ${account.id}`;
  const campaignList = await linkedInPages(
    deps,
    { ...call, label: campaignsLabel },
    {
      path: `adAccounts/${account.id}/adCampaigns`,
      // Every status: campaigns finished since still have days in the window.
      query: [
        ['q', 'search'],
        ['search', `(status:(values:List(${CAMPAIGN_STATUSES.join(',')})))`],
      ],
      schema: LinkedInCampaignsPageSchema,
    },
    keep(campaignsLabel),
  );
  const campaigns = new Map<string, LinkedInCampaign>(campaignList.map((c) => [String(c.id), c]));

  const fieldGroups = splitAnalyticsFields(
    analyticsMetricFields(mapping),
    linkedInConfig.maxFieldsPerRequest,
  );
  const chunks = chunkDateRange(window.start, window.end, linkedInDaysPerRequest(campaigns.size));
  const daysTotal = daysBetween(window.start, window.end) + 1;
  const elements: LinkedInAnalyticsElement[] = [];
  let daysDone = 0;
  for (const chunk of chunks) {
    const groups: LinkedInAnalyticsElement[][] = [];
    for (const fields of fieldGroups) {
      const label = `adAnalytics of ${account.id} ${chunk.start}..${chunk.end}`;
      const response = await linkedInRequest(
        deps,
        { ...call, label },
        {
          path: 'adAnalytics',
          query: [
            ['q', 'analytics'],
            ['pivot', 'CAMPAIGN'],
            ['timeGranularity', 'DAILY'],
            ['dateRange', restliDateRange(chunk.start, chunk.end)],
            ['accounts', restliList([sponsoredAccountUrn(account.id)])],
            ['fields', fields.join(',')],
          ],
          schema: LinkedInAnalyticsSchema,
        },
      );
      groups.push(response.data.elements);
      keep(label)(response.raw);
    }
    elements.push(...mergeAnalyticsElements(groups));
    daysDone += chunk.days;
    request.onProgress?.({ accountId: account.id, daysDone, daysTotal });
  }

  const warnings: string[] = [];
  let creatives = new Map<string, Creative[]>();
  try {
    const label = `creatives of ${account.id}`;
    const list = await linkedInPages(
      deps,
      { ...call, label },
      {
        path: `adAccounts/${account.id}/creatives`,
        query: [['q', 'criteria']],
        schema: LinkedInCreativesPageSchema,
        finder: true,
      },
      keep(label),
    );
    creatives = linkedInCreativesByCampaign(list);
  } catch (error) {
    warnings.push(creativesWarning(account, error));
  }
  return {
    accountId: account.id,
    ok: true,
    records: normalizeLinkedInAnalytics(elements, account, mapping, campaigns, creatives),
    raw,
    warnings,
  };
}
