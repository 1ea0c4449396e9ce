import { dayNumber, daysInRange, type IsoDate, localDate } from '../../data/dates';
import { accountTree } from '../../data/fixtures';
import { campaignDay, type DataContext } from '../../data/generator';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import { comparable, matchesCondition } from './conditions';
import { dateRange } from './date-range';
import {
  camelPath,
  type FieldDef,
  googleFields,
  type MetricTotals,
  type RowSource,
  renderValue,
  selectableFrom,
} from './fields';
import { GaqlError, type GaqlQuery } from './gaql';

function fieldDef(name: string, from: string, where: 'SELECT' | 'WHERE' | 'ORDER BY'): FieldDef {
  const def = googleFields[name];
  if (!def) throw new GaqlError('UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${name}'.`);
  const resource = name.split('.')[0] ?? '';
  if (!selectableFrom[from]?.includes(resource)) {
    throw new GaqlError(
      where === 'SELECT'
        ? 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE'
        : `PROHIBITED_RESOURCE_TYPE_IN_${where.replace(' ', '_')}_CLAUSE`,
      `Cannot select or filter on the following field: '${name}', since the resource '${resource}' is not compatible with the resource in the FROM clause.`,
    );
  }
  return def;
}

const emptyTotals = (): MetricTotals => ({
  costMicros: 0n,
  impressions: 0,
  clicks: 0,
  conversionsCenti: 0,
  valueMicros: 0n,
});

function addDay(
  totals: MetricTotals,
  account: SandboxAccount,
  campaign: SandboxCampaign,
  date: IsoDate,
  context: DataContext,
): boolean {
  const day = campaignDay(account, campaign, date, context);
  if (!day) return false;
  totals.costMicros += day.spendMicros;
  totals.impressions += day.impressions;
  totals.clicks += day.clicks;
  totals.conversionsCenti += day.conversionsCenti;
  totals.valueMicros += day.revenueMicros ?? 0n;
  return true;
}

function baseRows(
  query: GaqlQuery,
  customer: SandboxAccount,
  range: [IsoDate, IsoDate] | null,
  context: DataContext,
): RowSource[] {
  const hasMetrics = query.select.some((f) => f.startsWith('metrics.'));
  const byDate = query.select.some((f) => f.startsWith('segments.'));
  const days = range ? daysInRange(...range) : [];
  const campaignsRows = (): RowSource[] => {
    const rows: RowSource[] = [];
    for (const campaign of customer.campaigns) {
      if (byDate) {
        for (const date of days) {
          const metrics = emptyTotals();
          if (addDay(metrics, customer, campaign, date, context))
            rows.push({ customer, campaign, date, metrics });
        }
      } else if (hasMetrics) {
        const metrics = emptyTotals();
        for (const date of days) addDay(metrics, customer, campaign, date, context);
        rows.push({ customer, campaign, metrics });
      } else {
        rows.push({ customer, campaign });
      }
    }
    return rows;
  };
  switch (query.from) {
    case 'customer_client':
      return accountTree('google', customer.id).map((client) => ({ customer, client }));
    case 'campaign':
      return campaignsRows();
    case 'ad_group':
      return customer.campaigns.map((campaign) => ({ customer, campaign }));
    case 'ad_group_ad':
      return customer.campaigns.flatMap((campaign) =>
        campaign.creatives.map((creative) => ({ customer, campaign, creative })),
      );
    default: {
      if (!hasMetrics) return [{ customer }];
      if (!byDate) {
        const metrics = emptyTotals();
        for (const campaign of customer.campaigns)
          for (const date of days) addDay(metrics, customer, campaign, date, context);
        return [{ customer, metrics }];
      }
      return days.flatMap((date) => {
        const metrics = emptyTotals();
        const served = customer.campaigns.filter((campaign) =>
          addDay(metrics, customer, campaign, date, context),
        );
        return served.length > 0 ? [{ customer, date, metrics }] : [];
      });
    }
  }
}
function outputFields(query: GaqlQuery): Array<{ path: string[]; def: FieldDef }> {
  const resources = new Set(
    query.select.map((f) => f.split('.')[0] ?? '').filter((r) => r !== 'segments' && r !== 'metrics'),
  );
  if (query.select.some((f) => f.startsWith('ad_group_ad.ad.'))) resources.add('ad_group_ad.ad');
  const names = [...[...resources].map((r) => `${r}.resource_name`), ...query.select];
  return names.flatMap((name) => {
    const def = googleFields[name];
    return def ? [{ path: camelPath(name), def }] : [];
  });
}

function render(
  fields: Array<{ path: string[]; def: FieldDef }>,
  hasMetrics: boolean,
  row: RowSource,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { path, def } of fields) {
    const value = renderValue(def, def.read(row));
    if (value === undefined) continue;
    let node = out;
    for (const key of path.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1] ?? ''] = value;
  }
  // A row whose metrics are all zero still has its metrics object (empty), as the API sends it.
  if (hasMetrics && out.metrics === undefined) out.metrics = {};
  return out;
}

export interface QueryResult {
  rows: Array<Record<string, unknown>>;
  fieldMask: string;
}

/**
 * Runs a parsed query against one customer. Throws GaqlError for what the API refuses: unknown
 * fields, fields of incompatible resources, metrics of a manager, a date segment without a range.
 */
export function runQuery(query: GaqlQuery, customer: SandboxAccount, context: DataContext): QueryResult {
  if (!selectableFrom[query.from]) {
    throw new GaqlError(
      'BAD_RESOURCE_TYPE_IN_FROM_CLAUSE',
      `Invalid resource type in the FROM clause: '${query.from}'.`,
    );
  }
  for (const field of query.select) fieldDef(field, query.from, 'SELECT');
  const conditions = query.where.map((condition) => ({
    condition,
    def: fieldDef(condition.field, query.from, 'WHERE'),
  }));
  const order = query.orderBy.map((item) => ({ ...item, def: fieldDef(item.field, query.from, 'ORDER BY') }));
  const hasMetrics = query.select.some((f) => f.startsWith('metrics.'));
  if (hasMetrics && customer.isManager) {
    throw new GaqlError(
      'REQUESTED_METRICS_FOR_MANAGER',
      'Metrics cannot be requested for a manager account. To retrieve metrics, issue separate requests against each client account under the manager account.',
    );
  }
  if (hasMetrics && query.from !== 'campaign' && query.from !== 'customer') {
    throw new GaqlError(
      'QUERY_ERROR',
      `The sandbox reports metrics FROM campaign or customer only, not FROM ${query.from}.`,
    );
  }
  const today = localDate(context.nowMs, customer.timeZone);
  let range = dateRange(query.where, today);
  if (query.select.some((f) => f.startsWith('segments.')) && range === null) {
    throw new GaqlError('EXPECTED_FILTERS_ON_DATE_RANGE', 'Missing filters on date related fields.');
  }
  if (range === null && hasMetrics) {
    const first = customer.campaigns.map((c) => c.startDate).sort()[0] ?? today;
    range = [first, today];
  }
  if (range && dayNumber(range[1]) - dayNumber(range[0]) > 3650) {
    throw new GaqlError(
      'DATE_RANGE_TOO_WIDE',
      'Date filters fail to restrict date to a range the sandbox can serve.',
    );
  }

  let rows = baseRows(query, customer, range, context).filter((row) =>
    conditions.every(
      ({ condition, def }) => condition.field === 'segments.date' || matchesCondition(condition, def, row),
    ),
  );
  if (order.length > 0) {
    rows = [...rows].sort((a, b) => {
      for (const { def, descending } of order) {
        const x = comparable(def.read(a));
        const y = comparable(def.read(b));
        if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
      }
      return 0;
    });
  }
  if (query.limit !== null) rows = rows.slice(0, query.limit);
  const fields = outputFields(query);
  return {
    rows: rows.map((row) => render(fields, hasMetrics, row)),
    fieldMask: query.select.map((field) => camelPath(field).join('.')).join(','),
  };
}
