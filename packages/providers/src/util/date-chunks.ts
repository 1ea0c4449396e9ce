import { addDays, daysBetween, type IsoDate } from '@cohorts/core/contract';

export interface DateChunk {
  start: IsoDate;
  end: IsoDate;
  days: number;
}

/** Splits `start..end` (both included) into consecutive chunks of at most `maxDays` days. */
export function chunkDateRange(start: IsoDate, end: IsoDate, maxDays: number): DateChunk[] {
  if (maxDays < 1) throw new RangeError('maxDays must be at least 1');
  const total = daysBetween(start, end) + 1;
  const chunks: DateChunk[] = [];
  for (let offset = 0; offset < total; offset += maxDays) {
    const days = Math.min(maxDays, total - offset);
    chunks.push({ start: addDays(start, offset), end: addDays(start, offset + days - 1), days });
  }
  return chunks;
}
