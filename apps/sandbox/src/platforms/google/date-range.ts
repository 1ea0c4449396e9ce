import { addDays, type IsoDate, isIsoDate } from '../../data/dates';
import { type GaqlCondition, GaqlError, type GaqlValue } from './gaql';

/** The `DURING` presets the sandbox knows, relative to the account's local today. */
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
export function dateRange(conditions: GaqlCondition[], today: IsoDate): [IsoDate, IsoDate] | null {
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
