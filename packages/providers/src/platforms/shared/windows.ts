import { daysBetween, IsoDateSchema, type ProviderId } from '@cohorts/core/contract';
import type { AccountWindow } from '../../connector';

/**
 * Rejects a window that is not two real dates in order. Dates end up inside query languages
 * (GAQL, Rest.li), so they are checked before any request is built.
 */
export function assertWindow(providerId: ProviderId, window: AccountWindow): void {
  const start = IsoDateSchema.safeParse(window.start);
  const end = IsoDateSchema.safeParse(window.end);
  if (!start.success || !end.success) {
    throw new RangeError(`${providerId}: window dates must be YYYY-MM-DD (account ${window.account.id})`);
  }
  if (daysBetween(window.start, window.end) < 0) {
    throw new RangeError(`${providerId}: window start ${window.start} is after its end ${window.end}`);
  }
}
