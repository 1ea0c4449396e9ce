import { z } from 'zod';
import { addDays, dayNumber, type IsoDate, isIsoDate } from '../../data/dates';
import { parseJson, type Reply } from '../../http/types';
import type { ApiContext } from '../platform';
import { graphError, invalidParameter } from './errors';

/** `action_attribution_windows` values Graph accepts. */
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

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };
const fail = (reply: Reply) => ({ ok: false, reply }) as const;

export function timeRange(context: ApiContext, today: IsoDate): Parsed<[IsoDate, IsoDate]> {
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

export function attributionWindows(context: ApiContext): Parsed<string[]> {
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

export function campaignFilter(context: ApiContext): Parsed<Set<string> | null> {
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
