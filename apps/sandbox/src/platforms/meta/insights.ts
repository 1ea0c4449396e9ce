import { z } from 'zod';
import { addDays, dayNumber, daysInRange, type IsoDate, isIsoDate, localDate } from '../../data/dates';
import { reportedRevenue } from '../../data/expected';
import { campaignDay } from '../../data/generator';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import { formatMicros, type Micros } from '../../data/money';
import { jsonReply, parseJson, type Reply } from '../../http/types';
import type { ApiContext, ApiRoute } from '../platform';
import { bucHeader, graphError, invalidParameter } from './errors';
import { graphPage, parseFields } from './graph-params';
import { accountFor, adsVersionCheck, GRAPH_VERSION, isReply } from './objects';

interface Totals {
  spend: Micros;
  impressions: number;
  clicks: number;
  purchases: number;
  /** Null when no campaign in the row reported a purchase value. */
  value: Micros | null;
}

interface InsightRow {
  account: SandboxAccount;
  campaign: SandboxCampaign | null;
  since: IsoDate;
  until: IsoDate;
  totals: Totals;
}

interface InsightOptions {
  windows: string[];
}

const PURCHASE_TYPES = [
  'offsite_conversion.fb_pixel_purchase',
  'omni_purchase',
  'onsite_web_purchase',
  'purchase',
];
const WINDOWS = [
  '1d_click',
  '7d_click',
  '28d_click',
  '1d_view',
  '7d_view',
  '28d_view',
  '1d_ev',
  'dda',
  'default',
];
/** Meta stopped returning these on 2026-01-12; asking is allowed, they just never come back. */
const RETIRED_WINDOWS = new Set(['7d_view', '28d_view']);

/** Per-window values: view-through takes about a fifth, clicks the rest (whole units). */
function windowSplit(total: number, windows: string[]): Record<string, string> {
  const active = windows.filter((w) => !RETIRED_WINDOWS.has(w) && w !== 'default' && w !== 'dda');
  const hasView = active.some((w) => w.endsWith('_view'));
  const hasClick = active.some((w) => w.endsWith('_click'));
  const view = hasView && hasClick ? Math.floor(total * 0.2) : hasView ? total : 0;
  const click = total - view;
  return Object.fromEntries(
    active.map((w) => [w, String(w.endsWith('_click') ? click : w.endsWith('_view') ? view : 0)]),
  );
}

function valueSplit(total: Micros, windows: string[], purchases: number): Record<string, string> {
  const counts = windowSplit(purchases, windows);
  return Object.fromEntries(
    Object.entries(counts).map(([w, count]) => [
      w,
      formatMicros(purchases === 0 ? 0n : (total * BigInt(count)) / BigInt(purchases)),
    ]),
  );
}

function actions(row: InsightRow, options: InsightOptions): Array<Record<string, string>> | undefined {
  const { clicks, impressions, purchases } = row.totals;
  const stats: Array<Record<string, string>> = [];
  const add = (type: string, value: number, split = false) => {
    if (value > 0)
      stats.push({
        action_type: type,
        value: String(value),
        ...(split ? windowSplit(value, options.windows) : {}),
      });
  };
  add('link_click', clicks, true);
  add('landing_page_view', Math.floor(clicks * 0.82), true);
  add('page_engagement', clicks + Math.floor(impressions * 0.004), true);
  for (const type of PURCHASE_TYPES) add(type, purchases, true);
  return stats.length > 0 ? stats : undefined;
}

function actionValues(row: InsightRow, options: InsightOptions): Array<Record<string, string>> | undefined {
  const { value, purchases } = row.totals;
  if (value === null || purchases === 0) return undefined;
  return PURCHASE_TYPES.map((action_type) => ({
    action_type,
    value: formatMicros(value),
    ...valueSplit(value, options.windows, purchases),
  }));
}

const ratio = (numerator: Micros, denominator: number) =>
  denominator === 0 ? undefined : formatMicros(numerator / BigInt(denominator));

type Field = (row: InsightRow, options: InsightOptions) => unknown;

const fields: Record<string, Field> = {
  account_id: (row) => row.account.id,
  account_name: (row) => row.account.name,
  account_currency: (row) => row.account.currency,
  campaign_id: (row) => row.campaign?.id,
  campaign_name: (row) => row.campaign?.name,
  objective: (row) => row.campaign?.objective,
  buying_type: () => 'AUCTION',
  spend: (row) => formatMicros(row.totals.spend),
  impressions: (row) => String(row.totals.impressions),
  clicks: (row) => String(row.totals.clicks),
  inline_link_clicks: (row) => String(row.totals.clicks),
  unique_clicks: (row) => String(Math.round(row.totals.clicks * 0.93)),
  reach: (row) => String(Math.max(1, Math.round(row.totals.impressions / 1.37))),
  frequency: (row) =>
    formatMicros(
      (BigInt(row.totals.impressions) * 1_000_000n) /
        BigInt(Math.max(1, Math.round(row.totals.impressions / 1.37))),
    ),
  cpc: (row) => ratio(row.totals.spend, row.totals.clicks),
  cpm: (row) => ratio(row.totals.spend * 1000n, row.totals.impressions),
  ctr: (row) => ratio(BigInt(row.totals.clicks) * 100_000_000n, row.totals.impressions),
  actions,
  action_values: actionValues,
  cost_per_action_type: (row, options) =>
    actions(row, options)?.map((stat) => ({
      action_type: stat.action_type,
      value: ratio(row.totals.spend, Number(stat.value)) ?? '0',
    })),
  purchase_roas: (row) =>
    row.totals.value === null || row.totals.purchases === 0 || row.totals.spend === 0n
      ? undefined
      : [
          {
            action_type: 'omni_purchase',
            value: formatMicros((row.totals.value * 1_000_000n) / row.totals.spend),
          },
        ],
  date_start: (row) => row.since,
  date_stop: (row) => row.until,
};

const DATE_PRESETS: Record<string, (today: IsoDate) => [IsoDate, IsoDate]> = {
  today: (t) => [t, t],
  yesterday: (t) => [addDays(t, -1), addDays(t, -1)],
  last_3d: (t) => [addDays(t, -3), addDays(t, -1)],
  last_7d: (t) => [addDays(t, -7), addDays(t, -1)],
  last_14d: (t) => [addDays(t, -14), addDays(t, -1)],
  last_28d: (t) => [addDays(t, -28), addDays(t, -1)],
  last_30d: (t) => [addDays(t, -30), addDays(t, -1)],
  last_90d: (t) => [addDays(t, -90), addDays(t, -1)],
  this_month: (t) => [`${t.slice(0, 8)}01`, t],
};

const TimeRangeSchema = z.object({
  since: z.string().refine(isIsoDate),
  until: z.string().refine(isIsoDate),
});
/** The sandbox filters on campaign ids only. */
const FilteringSchema = z.array(
  z.object({
    field: z.literal('campaign.id'),
    operator: z.enum(['IN', 'EQUAL']),
    value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]),
  }),
);

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };
const fail = (reply: Reply) => ({ ok: false, reply }) as const;

function timeRange(context: ApiContext, today: IsoDate): Parsed<[IsoDate, IsoDate]> {
  const q = context.request.query;
  const raw = q.get('time_range');
  if (raw === null) {
    const preset = q.get('date_preset') ?? 'last_30d';
    const range = DATE_PRESETS[preset];
    if (!range)
      return fail(
        invalidParameter(`Param date_preset must be one of {${Object.keys(DATE_PRESETS).join(', ')}}`),
      );
    return { ok: true, value: range(today) };
  }
  const parsed = TimeRangeSchema.safeParse(parseJson(raw));
  if (!parsed.success) {
    return fail(
      invalidParameter(
        'Param time_range must be a JSON object like {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}',
      ),
    );
  }
  const { since, until } = parsed.data;
  if (since > until) return fail(invalidParameter('Param time_range: since must not be after until'));
  if (dayNumber(today) - dayNumber(since) > 37 * 30.4) {
    return fail(
      graphError(400, {
        message: '(#3018) The start date of the time range cannot be beyond 37 months from the current date',
        code: 3018,
      }),
    );
  }
  return { ok: true, value: [since, until] };
}

function attributionWindows(context: ApiContext): Parsed<string[]> {
  const raw = context.request.query.get('action_attribution_windows');
  if (raw === null) return { ok: true, value: [] };
  const parsed = parseJson(raw);
  if (
    !Array.isArray(parsed) ||
    !parsed.every((w): w is string => typeof w === 'string' && WINDOWS.includes(w))
  ) {
    return fail(
      invalidParameter(`Param action_attribution_windows must be a JSON array of {${WINDOWS.join(', ')}}`),
    );
  }
  return { ok: true, value: parsed };
}

function campaignFilter(context: ApiContext): Parsed<Set<string> | null> {
  const raw = context.request.query.get('filtering');
  if (raw === null) return { ok: true, value: null };
  const parsed = FilteringSchema.safeParse(parseJson(raw));
  if (!parsed.success) {
    return fail(
      invalidParameter(
        'Param filtering must be a JSON array of {"field":"campaign.id","operator":"IN","value":[...]}',
      ),
    );
  }
  const ids = new Set<string>();
  for (const { value } of parsed.data)
    for (const id of Array.isArray(value) ? value : [value]) ids.add(String(id));
  return { ok: true, value: ids };
}

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
  const unknown = selection.find((s) => !fields[s.name]);
  if (unknown) {
    return invalidParameter(
      `${unknown.name} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ for all valid values`,
    );
  }
  const options = { windows: windows.value };
  const rows = buildRows(context, account, range.value, level, increment === '1', only.value).map((row) => {
    const out: Record<string, unknown> = {};
    for (const { name } of [...selection, { name: 'date_start' }, { name: 'date_stop' }]) {
      const value = fields[name]?.(row, options);
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
