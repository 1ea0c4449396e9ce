import { daysInRange, type IsoDate, localDate } from '../../data/dates';
import { reportedRevenue } from '../../data/expected';
import { campaignDay } from '../../data/generator';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import { jsonReply, type Reply } from '../../http/types';
import type { ApiContext, ApiRoute } from '../platform';
import { bucHeader, invalidParameter } from './errors';
import { graphPage, parseFields } from './graph-params';
import { type InsightRow, insightFields, type Totals } from './insight-fields';
import { attributionWindows, campaignFilter, timeRange } from './insight-params';
import { accountFor, adsVersionCheck, GRAPH_VERSION, isReply } from './objects';

function addDay(
  totals: Totals,
  account: SandboxAccount,
  campaign: SandboxCampaign,
  date: IsoDate,
  context: ApiContext,
): boolean {
  const day = campaignDay(account, campaign, date, context.state.dataContext());
  if (!day) return false;
  totals.spend += day.spendMicros;
  totals.impressions += day.impressions;
  totals.clicks += day.clicks;
  totals.purchases += day.conversionsCenti / 100;
  const value = reportedRevenue('facebook', day);
  if (value !== null) totals.value = (totals.value ?? 0n) + value;
  return true;
}

const empty = (): Totals => ({ spend: 0n, impressions: 0, clicks: 0, purchases: 0, value: null });

function buildRows(
  context: ApiContext,
  account: SandboxAccount,
  range: [IsoDate, IsoDate],
  level: string,
  daily: boolean,
  only: Set<string> | null,
): InsightRow[] {
  const campaigns = account.campaigns.filter((c) => only === null || only.has(c.id));
  const buckets: Array<[IsoDate, IsoDate]> = daily ? daysInRange(...range).map((d) => [d, d]) : [range];
  const rows: InsightRow[] = [];
  for (const [since, until] of buckets) {
    const days = daysInRange(since, until);
    if (level === 'account') {
      const totals = empty();
      let served = false;
      for (const campaign of campaigns)
        for (const date of days) served = addDay(totals, account, campaign, date, context) || served;
      if (served) rows.push({ account, campaign: null, since, until, totals });
      continue;
    }
    for (const campaign of campaigns) {
      const totals = empty();
      let served = false;
      for (const date of days) served = addDay(totals, account, campaign, date, context) || served;
      if (served) rows.push({ account, campaign, since, until, totals });
    }
  }
  return rows;
}

function insights(context: ApiContext): Reply {
  const refused = adsVersionCheck(context);
  if (refused) return refused;
  const account = accountFor(context);
  if (isReply(account)) return account;
  const q = context.request.query;
  const level = q.get('level') ?? 'account';
  if (level !== 'account' && level !== 'campaign') {
    return invalidParameter(`The sandbox reports level=account or level=campaign, not level=${level}`);
  }
  const increment = q.get('time_increment') ?? 'all_days';
  if (increment !== '1' && increment !== 'all_days') {
    return invalidParameter(`The sandbox reports time_increment=1 or all_days, not ${increment}`);
  }
  if (q.get('breakdowns') !== null || q.get('time_ranges') !== null) {
    return invalidParameter('The sandbox does not simulate breakdowns or time_ranges');
  }
  const range = timeRange(context, localDate(context.now, account.timeZone));
  if (!range.ok) return range.reply;
  const windows = attributionWindows(context);
  if (!windows.ok) return windows.reply;
  const only = campaignFilter(context);
  if (!only.ok) return only.reply;
  const requested = q.get('fields');
  const selection = requested
    ? parseFields(requested)
    : [
        { name: 'impressions', fields: null },
        { name: 'spend', fields: null },
      ];
  if (!selection) return invalidParameter(`Syntax error in fields: ${requested}`);
  const unknown = selection.find((s) => !insightFields[s.name]);
  if (unknown) {
    return invalidParameter(
      `${unknown.name} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ for all valid values`,
    );
  }
  const options = { windows: windows.value };
  const rows = buildRows(context, account, range.value, level, increment === '1', only.value).map((row) => {
    const out: Record<string, unknown> = {};
    for (const { name } of [...selection, { name: 'date_start' }, { name: 'date_stop' }]) {
      const value = insightFields[name]?.(row, options);
      if (value !== undefined) out[name] = value;
    }
    return out;
  });
  const page = graphPage(context, rows);
  if (!page.ok) return invalidParameter(page.message);
  return jsonReply(200, page.body, {
    ...bucHeader(account.id, 1, 0),
    'x-ad-account-usage': JSON.stringify({
      acc_id_util_pct: 0.1,
      reset_time_duration: 0,
      ads_api_access_tier: 'standard_access',
    }),
    'x-fb-ads-insights-throttle': JSON.stringify({
      app_id_util_pct: 0,
      acc_id_util_pct: 0,
      ads_api_access_tier: 'standard_access',
    }),
  });
}

export const metaInsightsRoutes: ApiRoute[] = [
  {
    method: 'GET',
    host: 'graph.facebook.com',
    path: new RegExp(`^${GRAPH_VERSION}\\/act_(\\d+)\\/insights$`),
    kind: 'api',
    accountOf: (context) => context.params[1],
    handle: insights,
  },
  {
    method: 'POST',
    host: 'graph.facebook.com',
    path: new RegExp(`^${GRAPH_VERSION}\\/act_(\\d+)\\/insights$`),
    kind: 'api',
    accountOf: (context) => context.params[1],
    handle: () => invalidParameter('The sandbox answers insights synchronously: use GET /act_{id}/insights'),
  },
];
