import { addDays, daysBetween, type IsoDate, localDateIn } from '@cohorts/core/contract';

/** The longest custom range the dashboard shows (the server's bound too). */
const maxRangeDays = 366;

export const presetDays = [7, 30, 90] as const;
export type PresetDays = (typeof presetDays)[number];

export type RangeChoice =
  | { kind: 'preset'; days: PresetDays }
  | { kind: 'custom'; from: IsoDate; to: IsoDate };

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/**
 * "Last N days" is the N dates ending yesterday in the user's time zone: today is never complete
 * (and no platform has reported it yet), so a range ending today would always look like a drop.
 */
export function presetRange(days: number, now: Date, timeZone: string): DateRange {
  const to = addDays(localDateIn(timeZone, now), -1);
  return { from: addDays(to, -(days - 1)), to };
}

export function rangeOf(choice: RangeChoice, now: Date, timeZone: string): DateRange {
  return choice.kind === 'preset'
    ? presetRange(choice.days, now, timeZone)
    : { from: choice.from, to: choice.to };
}

export function rangeLength(range: DateRange): number {
  return daysBetween(range.from, range.to) + 1;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Why a custom range cannot be shown, in words for the form, or null when it can. */
export function customRangeProblem(from: string, to: string, now: Date, timeZone: string): string | null {
  if (!isoDate.test(from) || Number.isNaN(Date.parse(from))) return 'Choose a start date.';
  if (!isoDate.test(to) || Number.isNaN(Date.parse(to))) return 'Choose an end date.';
  if (to < from) return 'The end date is before the start date.';
  const today = localDateIn(timeZone, now);
  if (to > today) return 'The end date is in the future.';
  if (rangeLength({ from, to }) > maxRangeDays) return `Choose at most ${maxRangeDays} days.`;
  return null;
}
