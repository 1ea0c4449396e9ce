import type { LinkedInConversionMapping } from '../../conversion-mapping';
import type { LinkedInAnalyticsElement } from './schemas';

/** Every request carries these, so partial answers can be joined. */
const KEY_FIELDS = ['dateRange', 'pivotValues'] as const;

export function analyticsMetricFields(mapping: LinkedInConversionMapping): string[] {
  const fields = ['impressions', 'clicks', 'costInLocalCurrency', mapping.conversions];
  if (mapping.revenue) fields.push(mapping.revenue);
  return [...new Set(fields)];
}

/**
 * adAnalytics takes at most `max` fields per request: the metric fields are split into groups, each
 * sent with `dateRange` and `pivotValues`, and the answers are joined on those two.
 */
export function splitAnalyticsFields(metricFields: readonly string[], max: number): string[][] {
  const room = max - KEY_FIELDS.length;
  if (room < 1) throw new RangeError('the field limit leaves no room for metrics');
  const groups: string[][] = [];
  for (let i = 0; i < metricFields.length; i += room) {
    groups.push([...KEY_FIELDS, ...metricFields.slice(i, i + room)]);
  }
  return groups;
}

function elementKey(element: LinkedInAnalyticsElement): string {
  const { start } = element.dateRange;
  return `${start.year}-${start.month}-${start.day}|${element.pivotValues.join(',')}`;
}

/** Joins the answers of the field groups into one element per (day, campaign). */
export function mergeAnalyticsElements(
  groups: ReadonlyArray<readonly LinkedInAnalyticsElement[]>,
): LinkedInAnalyticsElement[] {
  const merged = new Map<string, LinkedInAnalyticsElement>();
  for (const elements of groups) {
    for (const element of elements) {
      const key = elementKey(element);
      merged.set(key, { ...merged.get(key), ...element });
    }
  }
  return [...merged.values()];
}
