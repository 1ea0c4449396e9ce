import { z } from 'zod';
import type { PlatformResponse } from '../../http/http-client';

const BucEntrySchema = z.object({
  type: z.string().optional(),
  call_count: z.number().optional(),
  total_cputime: z.number().optional(),
  total_time: z.number().optional(),
  /** Minutes. */
  estimated_time_to_regain_access: z.number().optional(),
});
const BucHeaderSchema = z.record(z.string(), z.array(BucEntrySchema));
const AdAccountUsageSchema = z.object({
  acc_id_util_pct: z.number().optional(),
  /** Seconds. */
  reset_time_duration: z.number().optional(),
});

/** Above this share of a usage budget, stop before Meta throttles. */
const NEAR_LIMIT_PCT = 95;

function parseHeader<T>(headers: Headers, name: string, schema: z.ZodType<T>): T | undefined {
  const value = headers.get(name);
  if (!value) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How long Meta's usage headers say to stay away, in ms (undefined when they do not):
 * `X-Business-Use-Case-Usage.estimated_time_to_regain_access` (minutes), or, once an ad account's
 * usage is near 100 %, `X-Ad-Account-Usage.reset_time_duration` (seconds).
 */
export function metaUsageWaitMs(response: Pick<PlatformResponse, 'headers'>): number | undefined {
  const waits: number[] = [];
  const buc = parseHeader(response.headers, 'x-business-use-case-usage', BucHeaderSchema);
  for (const entry of Object.values(buc ?? {}).flat()) {
    const minutes = entry.estimated_time_to_regain_access ?? 0;
    if (minutes > 0) waits.push(minutes * 60_000);
    const usage = Math.max(entry.call_count ?? 0, entry.total_cputime ?? 0, entry.total_time ?? 0);
    if (usage >= NEAR_LIMIT_PCT && minutes === 0) waits.push(60_000);
  }
  const account = parseHeader(response.headers, 'x-ad-account-usage', AdAccountUsageSchema);
  if (account && (account.acc_id_util_pct ?? 0) >= NEAR_LIMIT_PCT && account.reset_time_duration) {
    waits.push(account.reset_time_duration * 1000);
  }
  return waits.length ? Math.max(...waits) : undefined;
}
