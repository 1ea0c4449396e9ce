import type { IsoDate } from '../../data/dates';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import { formatMicros, type Micros } from '../../data/money';

export interface Totals {
  spend: Micros;
  impressions: number;
  clicks: number;
  purchases: number;
  /** Null when no campaign in the row reported a purchase value. */
  value: Micros | null;
}

export interface InsightRow {
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

/** Every insights field the sandbox answers, by name. */
export const insightFields: Record<string, Field> = {
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
