import { fxPerUsd } from '../../data/brands';
import { daysInRange, type IsoDate, isIsoDate, localDate } from '../../data/dates';
import { findAccount } from '../../data/fixtures';
import { campaignDay } from '../../data/generator';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import { formatMicros, type Micros } from '../../data/money';
import { jsonReply, type Reply } from '../../http/types';
import type { ApiContext, ApiRoute } from '../platform';
import { illegalArgument } from './errors';
import { accountUrn, campaignUrn, isReply, restliParams } from './rest';
import { enumValue, isMap, type RestliValue } from './restli';

/** adAnalytics takes at most 20 fields per request. */
const LINKEDIN_MAX_FIELDS = 20;
/** It answers at most about 15,000 elements (and has no paging). */
const LINKEDIN_MAX_ELEMENTS = 15_000;

interface Totals {
  cost: Micros;
  impressions: number;
  clicks: number;
  conversions: number;
  /** Null when no campaign in the element tracks conversion value. */
  value: Micros | null;
  video: boolean;
}

type Metric = (t: Totals, account: SandboxAccount) => number | string | undefined;

const zero: Metric = () => 0;
const metrics: Record<string, Metric> = {
  impressions: (t) => t.impressions,
  clicks: (t) => t.clicks,
  landingPageClicks: (t) => Math.floor(t.clicks * 0.9),
  costInLocalCurrency: (t) => formatMicros(t.cost),
  costInUsd: (t, account) =>
    formatMicros(BigInt(Math.round(Number(t.cost) / (fxPerUsd[account.currency] ?? 1)))),
  externalWebsiteConversions: (t) => t.conversions,
  externalWebsitePostClickConversions: (t) => t.conversions - Math.floor(t.conversions / 5),
  externalWebsitePostViewConversions: (t) => Math.floor(t.conversions / 5),
  conversionValueInLocalCurrency: (t) => (t.value === null ? undefined : formatMicros(t.value)),
  totalEngagements: (t) => t.clicks + Math.floor(t.impressions * 0.003),
  otherEngagements: (t) => Math.floor(t.impressions * 0.003),
  likes: (t) => Math.floor(t.impressions * 0.001),
  reactions: (t) => Math.floor(t.impressions * 0.0012),
  shares: (t) => Math.floor(t.impressions * 0.0002),
  comments: (t) => Math.floor(t.impressions * 0.0001),
  follows: (t) => Math.floor(t.impressions * 0.00005),
  videoViews: (t) => (t.video ? Math.floor(t.impressions * 0.3) : 0),
  videoStarts: (t) => (t.video ? Math.floor(t.impressions * 0.45) : 0),
  videoCompletions: (t) => (t.video ? Math.floor(t.impressions * 0.12) : 0),
  approximateMemberReach: (t) => Math.max(1, Math.round(t.impressions / 1.6)),
  oneClickLeads: zero,
  oneClickLeadFormOpens: zero,
  qualifiedLeads: zero,
  actionClicks: zero,
  adUnitClicks: zero,
  cardClicks: zero,
  cardImpressions: zero,
  commentLikes: zero,
  companyPageClicks: zero,
  documentCompletions: zero,
  downloadClicks: zero,
  fullScreenPlays: zero,
  jobApplications: zero,
  jobApplyClicks: zero,
  leadGenerationMailContactInfoShares: zero,
  leadGenerationMailInterestedClicks: zero,
  opens: zero,
  registrations: zero,
  sends: zero,
  textUrlClicks: zero,
  validWorkEmailLeads: zero,
  viralImpressions: zero,
  viralClicks: zero,
  videoFirstQuartileCompletions: zero,
  videoMidpointCompletions: zero,
  videoThirdQuartileCompletions: zero,
};
const KEY_FIELDS = new Set(['dateRange', 'pivotValues', 'pivotValue', 'pivot']);

function dateParts(value: RestliValue | undefined): IsoDate | undefined {
  if (!isMap(value)) return undefined;
  const [y, m, d] = [value.year, value.month, value.day].map((v) =>
    typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN,
  );
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(date) ? date : undefined;
}

const toParts = (date: IsoDate) => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10)),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };
const fail = (reply: Reply) => ({ ok: false, reply }) as const;

function urnList(value: RestliValue | undefined, prefix: string): Parsed<string[] | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  if (
    !Array.isArray(value) ||
    !value.every((v): v is string => typeof v === 'string' && v.startsWith(prefix))
  ) {
    return fail(
      illegalArgument(`Facet must be List(${prefix}...) with each URN percent-encoded inside the list`),
    );
  }
  return { ok: true, value: value.map((urn) => urn.slice(prefix.length)) };
}

interface Request {
  pivot: 'CAMPAIGN' | 'ACCOUNT';
  granularity: 'DAILY' | 'MONTHLY' | 'ALL';
  start: IsoDate;
  end: IsoDate;
  accounts: SandboxAccount[];
  campaignIds: string[] | undefined;
  fields: string[];
}

function parseRequest(context: ApiContext): Parsed<Request> {
  const params = restliParams(context);
  if (isReply(params)) return fail(params);
  const finder = params.get('q');
  if (finder !== 'analytics' && finder !== 'statistics')
    return fail(illegalArgument('adAnalytics needs q=analytics or q=statistics'));
  const pivotRaw = finder === 'statistics' ? params.get('pivots') : params.get('pivot');
  const pivot = Array.isArray(pivotRaw)
    ? pivotRaw.length === 1
      ? enumValue(pivotRaw[0])
      : undefined
    : enumValue(pivotRaw);
  if (pivot !== 'CAMPAIGN' && pivot !== 'ACCOUNT') {
    return fail(illegalArgument('The sandbox pivots adAnalytics by CAMPAIGN or ACCOUNT (one pivot)'));
  }
  const granularity = enumValue(params.get('timeGranularity'));
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY' && granularity !== 'ALL') {
    return fail(illegalArgument('timeGranularity must be DAILY, MONTHLY or ALL'));
  }
  const range = params.get('dateRange');
  if (!isMap(range))
    return fail(
      illegalArgument('dateRange is required: dateRange=(start:(year:2026,month:1,day:1),end:(...))'),
    );
  const start = dateParts(range.start);
  const end = range.end === undefined ? localDate(context.now, 'UTC') : dateParts(range.end);
  if (!start || !end)
    return fail(illegalArgument('dateRange start and end must be (year:Y,month:M,day:D) of real dates'));
  if (start > end) return fail(illegalArgument('dateRange start must not be after end'));
  const accountIds = urnList(params.get('accounts'), 'urn:li:sponsoredAccount:');
  if (!accountIds.ok) return accountIds;
  const campaignIds = urnList(params.get('campaigns'), 'urn:li:sponsoredCampaign:');
  if (!campaignIds.ok) return campaignIds;
  if (!accountIds.value && !campaignIds.value) {
    return fail(
      illegalArgument('At least one facet is required: accounts, campaigns (as Rest.li lists of URNs)'),
    );
  }
  const fieldsRaw = params.get('fields');
  const fields =
    typeof fieldsRaw === 'string'
      ? fieldsRaw.split(',').filter(Boolean)
      : ['dateRange', 'pivotValues', 'impressions', 'clicks'];
  if (fields.length > LINKEDIN_MAX_FIELDS) {
    return fail(
      illegalArgument(`Maximum of ${LINKEDIN_MAX_FIELDS} fields can be requested; got ${fields.length}`),
    );
  }
  const unknown = fields.find((f) => !KEY_FIELDS.has(f) && !metrics[f]);
  if (unknown) return fail(illegalArgument(`Invalid field: ${unknown}`));
  // No access and no activity look the same: an empty answer.
  const reachable = context.login.accountIds;
  const wanted = accountIds.value ?? reachable;
  const accounts = wanted
    .filter((id) => reachable.includes(id))
    .map((id) => findAccount('linkedin', id))
    .filter((a): a is SandboxAccount => a !== undefined);
  return {
    ok: true,
    value: { pivot, granularity, start, end, accounts, campaignIds: campaignIds.value, fields },
  };
}

function buckets(request: Request): Array<[IsoDate, IsoDate]> {
  const days = daysInRange(request.start, request.end);
  if (request.granularity === 'ALL') return [[request.start, request.end]];
  if (request.granularity === 'DAILY') return days.map((d) => [d, d]);
  const months = new Map<string, [IsoDate, IsoDate]>();
  for (const day of days) {
    const key = day.slice(0, 7);
    const bucket = months.get(key);
    if (bucket) bucket[1] = day;
    else months.set(key, [day, day]);
  }
  return [...months.values()];
}

function totalsFor(
  context: ApiContext,
  account: SandboxAccount,
  campaigns: SandboxCampaign[],
  days: IsoDate[],
): Totals {
  const totals: Totals = { cost: 0n, impressions: 0, clicks: 0, conversions: 0, value: null, video: false };
  const data = context.state.dataContext();
  for (const campaign of campaigns) {
    for (const date of days) {
      const day = campaignDay(account, campaign, date, data);
      if (!day) continue;
      totals.cost += day.spendMicros;
      totals.impressions += day.impressions;
      totals.clicks += day.clicks;
      totals.conversions += day.conversionsCenti / 100;
      if (day.revenueMicros !== null) totals.value = (totals.value ?? 0n) + day.revenueMicros;
      totals.video ||= campaign.objective === 'VIDEO_VIEW';
    }
  }
  return totals;
}

function analytics(context: ApiContext): Reply {
  const parsed = parseRequest(context);
  if (!parsed.ok) return parsed.reply;
  const request = parsed.value;
  const elements: Array<Record<string, unknown>> = [];
  for (const [from, to] of buckets(request)) {
    const days = daysInRange(from, to);
    for (const account of request.accounts) {
      const campaigns = account.campaigns.filter(
        (c) => request.campaignIds === undefined || request.campaignIds.includes(c.id),
      );
      const groups: Array<[string, SandboxCampaign[]]> =
        request.pivot === 'ACCOUNT'
          ? [[accountUrn(account.id), campaigns]]
          : campaigns.map((c) => [campaignUrn(c.id), [c]]);
      for (const [urn, group] of groups) {
        const totals = totalsFor(context, account, group, days);
        if (totals.impressions === 0) continue;
        const element: Record<string, unknown> = {};
        for (const field of request.fields) {
          if (field === 'dateRange') element.dateRange = { start: toParts(from), end: toParts(to) };
          else if (field === 'pivotValues') element.pivotValues = [urn];
          else if (field === 'pivotValue' || field === 'pivot') continue;
          else {
            const value = metrics[field]?.(totals, account);
            if (value !== undefined) element[field] = value;
          }
        }
        elements.push(element);
      }
    }
  }
  const capped = elements.slice(0, LINKEDIN_MAX_ELEMENTS);
  return jsonReply(
    200,
    { paging: { start: 0, count: 10, links: [] }, elements: capped },
    { 'x-restli-protocol-version': '2.0.0' },
  );
}

export const linkedInAnalyticsRoutes: ApiRoute[] = [
  {
    method: 'GET',
    host: 'api.linkedin.com',
    path: /^\/rest\/adAnalytics$/,
    kind: 'api',
    accountOf(context) {
      const match = /accounts=List\(urn%3Ali%3AsponsoredAccount%3A(\d+)/i.exec(context.request.rawQuery);
      return match?.[1];
    },
    handle: analytics,
  },
];
