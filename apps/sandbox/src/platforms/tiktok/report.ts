import { daysBetween, daysInRange, type IsoDate, isIsoDate } from '../../data/dates';
import { findAccount } from '../../data/fixtures';
import { campaignDay } from '../../data/generator';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import { formatMicros, type Micros } from '../../data/money';
import type { Reply } from '../../http/types';
import type { ApiContext, ApiRoute } from '../platform';
import { paramError, tiktokReply } from './envelope';
import { API, TIKTOK_HOST } from './oauth';
import { advertiserId, fail, jsonArray, type Parsed, pageReply, paging } from './params';

/** With `stat_time_day` a report covers at most 30 days. */
const TIKTOK_MAX_DAYS_PER_DAILY_REPORT = 30;
const MAX_DAYS_PER_REPORT = 365;

interface Totals {
  spend: Micros;
  impressions: number;
  clicks: number;
  conversions: number;
  /** Does any campaign in the row count purchases / track their value? */
  tracksConversions: boolean;
  value: Micros | null;
}

const money = (micros: Micros) => formatMicros(micros, { minDecimals: 2, maxDecimals: 2 });
const percent = (part: number, whole: number) =>
  whole === 0 ? '0.00' : (Math.round((part / whole) * 10_000) / 100).toFixed(2);
const perUnit = (micros: Micros, count: number) => (count === 0 ? '0.00' : money(micros / BigInt(count)));

type Metric = (t: Totals, row: { account: SandboxAccount; campaign: SandboxCampaign | null }) => string;

const metrics: Record<string, Metric> = {
  spend: (t) => money(t.spend),
  impressions: (t) => String(t.impressions),
  clicks: (t) => String(t.clicks),
  ctr: (t) => percent(t.clicks, t.impressions),
  cpc: (t) => perUnit(t.spend, t.clicks),
  cpm: (t) => perUnit(t.spend * 1000n, t.impressions),
  reach: (t) => String(Math.max(1, Math.round(t.impressions / 1.4))),
  frequency: (t) => (t.impressions / Math.max(1, Math.round(t.impressions / 1.4))).toFixed(2),
  conversion: (t) => (t.tracksConversions ? String(t.conversions) : '-'),
  cost_per_conversion: (t) => (t.tracksConversions ? perUnit(t.spend, t.conversions) : '-'),
  conversion_rate: (t) => (t.tracksConversions ? percent(t.conversions, t.clicks) : '-'),
  complete_payment: (t) => (t.tracksConversions ? String(t.conversions) : '-'),
  cost_per_complete_payment: (t) => (t.tracksConversions ? perUnit(t.spend, t.conversions) : '-'),
  // Despite its name, the purchase value.
  total_complete_payment_rate: (t) => (t.value === null ? '-' : money(t.value)),
  complete_payment_roas: (t) =>
    t.value === null ? '-' : t.spend === 0n ? '0.00' : (Number(t.value) / Number(t.spend)).toFixed(2),
  value_per_complete_payment: (t) => (t.value === null ? '-' : perUnit(t.value, t.conversions)),
  campaign_name: (_t, row) => row.campaign?.name ?? '-',
  objective_type: (_t, row) => row.campaign?.objective ?? '-',
  advertiser_name: (_t, row) => row.account.name,
  currency: (_t, row) => row.account.currency,
};

interface ReportRequest {
  account: SandboxAccount;
  level: 'AUCTION_CAMPAIGN' | 'AUCTION_ADVERTISER';
  daily: boolean;
  start: IsoDate;
  end: IsoDate;
  metrics: string[];
  page: number;
  pageSize: number;
}

function parseRequest(context: ApiContext): Parsed<ReportRequest> {
  const q = context.request.query;
  const { now } = context;
  const id = advertiserId(context);
  if (!id.ok) return id;
  const reportType = q.get('report_type');
  if (reportType !== 'BASIC') return fail(paramError(now, 'report_type: The sandbox serves BASIC reports.'));
  const serviceType = q.get('service_type') ?? 'AUCTION';
  if (serviceType !== 'AUCTION') return fail(paramError(now, 'service_type: Must be AUCTION.'));
  const level = q.get('data_level') ?? 'AUCTION_ADVERTISER';
  if (level !== 'AUCTION_CAMPAIGN' && level !== 'AUCTION_ADVERTISER') {
    return fail(paramError(now, 'data_level: The sandbox serves AUCTION_CAMPAIGN and AUCTION_ADVERTISER.'));
  }
  const dimensions = jsonArray(context, 'dimensions', true);
  if (!dimensions.ok) return dimensions;
  const idDimension = level === 'AUCTION_CAMPAIGN' ? 'campaign_id' : 'advertiser_id';
  const dims = dimensions.value ?? [];
  if (!dims.includes(idDimension) || dims.some((d) => d !== idDimension && d !== 'stat_time_day')) {
    return fail(
      paramError(
        now,
        `dimensions: For ${level} use ["${idDimension}"] or ["${idDimension}","stat_time_day"].`,
      ),
    );
  }
  const daily = dims.includes('stat_time_day');
  const metricList = jsonArray(context, 'metrics', false);
  if (!metricList.ok) return metricList;
  const wanted = metricList.value ?? ['spend', 'impressions', 'clicks'];
  const unknown = wanted.find((m) => !metrics[m]);
  if (unknown) return fail(paramError(now, `metrics: Invalid metric ${unknown}.`));
  if (q.get('filtering') !== null)
    return fail(paramError(now, 'filtering: The sandbox does not filter reports.'));
  const lifetime = q.get('query_lifetime') === 'true';
  if (lifetime) return fail(paramError(now, 'query_lifetime: The sandbox reports date ranges only.'));
  const start = q.get('start_date');
  const end = q.get('end_date');
  if (!start || !isIsoDate(start))
    return fail(paramError(now, 'start_date: Missing or not a date (YYYY-MM-DD).'));
  if (!end || !isIsoDate(end)) return fail(paramError(now, 'end_date: Missing or not a date (YYYY-MM-DD).'));
  if (start > end) return fail(paramError(now, 'end_date: Must not be earlier than start_date.'));
  const span = daysBetween(start, end) + 1;
  if (daily && span > TIKTOK_MAX_DAYS_PER_DAILY_REPORT) {
    return fail(
      paramError(
        now,
        `The time span between start_date and end_date can't exceed ${TIKTOK_MAX_DAYS_PER_DAILY_REPORT} days when stat_time_day is a dimension.`,
      ),
    );
  }
  if (span > MAX_DAYS_PER_REPORT)
    return fail(paramError(now, `The time span can't exceed ${MAX_DAYS_PER_REPORT} days.`));
  const page = paging(context);
  if (!page.ok) return page;
  const account = findAccount('tiktok', id.value);
  if (!account) return fail(tiktokReply(now, 40106, `No permission to operate advertiser ${id.value}.`));
  return { ok: true, value: { account, level, daily, start, end, metrics: wanted, ...page.value } };
}

function totalsOf(
  context: ApiContext,
  account: SandboxAccount,
  campaigns: SandboxCampaign[],
  days: IsoDate[],
): Totals | null {
  const totals: Totals = {
    spend: 0n,
    impressions: 0,
    clicks: 0,
    conversions: 0,
    tracksConversions: false,
    value: null,
  };
  const data = context.state.dataContext();
  let served = false;
  for (const campaign of campaigns) {
    for (const date of days) {
      const day = campaignDay(account, campaign, date, data);
      if (!day) continue;
      served = true;
      totals.spend += day.spendMicros;
      totals.impressions += day.impressions;
      totals.clicks += day.clicks;
      totals.conversions += day.conversionsCenti / 100;
      totals.tracksConversions ||= campaign.profile.conversionKind !== 'none';
      if (day.revenueMicros !== null) totals.value = (totals.value ?? 0n) + day.revenueMicros;
    }
  }
  return served ? totals : null;
}

function report(context: ApiContext): Reply {
  const parsed = parseRequest(context);
  if (!parsed.ok) return parsed.reply;
  const request = parsed.value;
  const { account } = request;
  const buckets: Array<[IsoDate, IsoDate[]]> = request.daily
    ? daysInRange(request.start, request.end).map((d) => [d, [d]])
    : [[request.start, daysInRange(request.start, request.end)]];
  const rows: Array<Record<string, unknown>> = [];
  for (const [day, days] of buckets) {
    const groups: Array<[SandboxCampaign | null, SandboxCampaign[]]> =
      request.level === 'AUCTION_CAMPAIGN'
        ? account.campaigns.map((c) => [c, [c]])
        : [[null, account.campaigns]];
    for (const [campaign, campaigns] of groups) {
      const totals = totalsOf(context, account, campaigns, days);
      if (!totals) continue;
      const dimensions: Record<string, string> = campaign
        ? { campaign_id: campaign.id }
        : { advertiser_id: account.id };
      if (request.daily) dimensions.stat_time_day = `${day} 00:00:00`;
      const values = Object.fromEntries(
        request.metrics.map((m) => [m, metrics[m]?.(totals, { account, campaign }) ?? '-']),
      );
      rows.push({ metrics: values, dimensions });
    }
  }
  return pageReply(context, rows, request.page, request.pageSize);
}

export const tiktokReportRoutes: ApiRoute[] = [
  {
    method: 'GET',
    host: TIKTOK_HOST,
    path: new RegExp(`^${API}/report/integrated/get/$`),
    kind: 'api',
    accountOf: (context) => context.request.query.get('advertiser_id') ?? undefined,
    handle: report,
  },
];
