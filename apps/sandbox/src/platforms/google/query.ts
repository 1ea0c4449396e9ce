import { addDays, dayNumber, daysInRange, type IsoDate, isIsoDate, localDate } from '../../data/dates';
import { accountTree } from '../../data/fixtures';
import { campaignDay, type DataContext } from '../../data/generator';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import {
  camelPath,
  type FieldDef,
  googleFields,
  type MetricTotals,
  type RowSource,
  renderValue,
  selectableFrom,
} from './fields';
import { type GaqlCondition, GaqlError, type GaqlQuery, type GaqlValue } from './gaql';

type RawValue = ReturnType<FieldDef['read']>;

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

const DATE_PRESETS = [
  'TODAY',
  'YESTERDAY',
  'LAST_7_DAYS',
  'LAST_14_DAYS',
  'LAST_30_DAYS',
  'THIS_MONTH',
  'LAST_MONTH',
];

function presetRange(preset: string, today: IsoDate): [IsoDate, IsoDate] {
  const monthStart = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'TODAY':
      return [today, today];
    case 'YESTERDAY':
      return [addDays(today, -1), addDays(today, -1)];
    case 'LAST_7_DAYS':
      return [addDays(today, -7), addDays(today, -1)];
    case 'LAST_14_DAYS':
      return [addDays(today, -14), addDays(today, -1)];
    case 'LAST_30_DAYS':
      return [addDays(today, -30), addDays(today, -1)];
    case 'THIS_MONTH':
      return [monthStart, today];
    default: {
      const lastMonthEnd = addDays(monthStart, -1);
      return [`${lastMonthEnd.slice(0, 8)}01`, lastMonthEnd];
    }
  }
}

function dateLiteral(value: GaqlValue | undefined): IsoDate {
  if (value?.kind !== 'string' || !isIsoDate(value.value)) {
    throw new GaqlError('BAD_VALUE', "Invalid date format. Expected 'YYYY-MM-DD'.");
  }
  return value.value;
}

/** The finite date range the WHERE clause gives `segments.date`, or null when it gives none. */
function dateRange(conditions: GaqlCondition[], today: IsoDate): [IsoDate, IsoDate] | null {
  let start: IsoDate | null = null;
  let end: IsoDate | null = null;
  const narrow = (from: IsoDate, to: IsoDate) => {
    if (start === null || from > start) start = from;
    if (end === null || to < end) end = to;
  };
  for (const condition of conditions) {
    if (condition.field !== 'segments.date') continue;
    const [first, second] = condition.values;
    switch (condition.operator) {
      case 'BETWEEN':
        narrow(dateLiteral(first), dateLiteral(second));
        break;
      case 'DURING': {
        const preset = first?.kind === 'identifier' ? first.value.toUpperCase() : '';
        if (!DATE_PRESETS.includes(preset))
          throw new GaqlError('INVALID_VALUE_WITH_DURING_OPERATOR', `Invalid date preset: ${first?.value}`);
        narrow(...presetRange(preset, today));
        break;
      }
      case '=':
        narrow(dateLiteral(first), dateLiteral(first));
        break;
      case '>=':
        narrow(dateLiteral(first), '9999-12-31');
        break;
      case '>':
        narrow(addDays(dateLiteral(first), 1), '9999-12-31');
        break;
      case '<=':
        narrow('0001-01-01', dateLiteral(first));
        break;
      case '<':
        narrow('0001-01-01', addDays(dateLiteral(first), -1));
        break;
      case 'IN': {
        const dates = condition.values.map(dateLiteral).sort();
        narrow(dates[0] ?? '', dates[dates.length - 1] ?? '');
        break;
      }
      default:
        throw new GaqlError(
          'BAD_OPERATOR',
          `Operator ${condition.operator} cannot be used with segments.date.`,
        );
    }
  }
  if (start === null || end === null || start === '0001-01-01' || end === '9999-12-31') return null;
  if (start > end)
    throw new GaqlError(
      'DATE_RANGE_TOO_NARROW',
      'Filters on date/week/month/quarter have a start date after end date.',
    );
  return [start, end];
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

function comparable(raw: RawValue): string | number {
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  if (Array.isArray(raw)) return raw.join(',');
  return raw ?? '';
}

function literal(value: GaqlValue, def: FieldDef): string | number {
  if (def.type === 'INT64' || def.type === 'DOUBLE') return Number(value.value);
  if (def.type === 'BOOLEAN') return String(value.value).toUpperCase();
  return String(value.value);
}

function test(condition: GaqlCondition, def: FieldDef, row: RowSource): boolean {
  const raw = def.read(row);
  if (condition.operator === 'IS NULL') return raw === undefined;
  if (condition.operator === 'IS NOT NULL') return raw !== undefined;
  if (raw === undefined) return condition.field.startsWith('segments.');
  const actual = comparable(raw);
  const values = condition.values.map((v) => literal(v, def));
  const [first = '', second = ''] = values;
  switch (condition.operator) {
    case '=':
      return actual === first;
    case '!=':
      return actual !== first;
    case '>':
      return actual > first;
    case '>=':
      return actual >= first;
    case '<':
      return actual < first;
    case '<=':
      return actual <= first;
    case 'IN':
      return values.includes(actual);
    case 'NOT IN':
      return !values.includes(actual);
    case 'BETWEEN':
      return actual >= first && actual <= second;
    case 'LIKE':
    case 'NOT LIKE': {
      const pattern = new RegExp(
        `^${String(first)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%/g, '.*')
          .replace(/_/g, '.')}$`,
      );
      return pattern.test(String(actual)) === (condition.operator === 'LIKE');
    }
    case 'CONTAINS ANY':
    case 'CONTAINS ALL':
    case 'CONTAINS NONE': {
      const items = Array.isArray(raw) ? raw : [String(raw)];
      const hits = values.filter((v) => items.includes(String(v))).length;
      if (condition.operator === 'CONTAINS ANY') return hits > 0;
      if (condition.operator === 'CONTAINS ALL') return hits === values.length;
      return hits === 0;
    }
    default:
      return true;
  }
}

/** The fields a row is written with: each selected resource's name first (the API adds them), then the selection. */
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
      ({ condition, def }) => condition.field === 'segments.date' || test(condition, def, row),
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
