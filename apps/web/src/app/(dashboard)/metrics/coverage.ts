import type { ProviderId } from '@cohorts/core/contract';
import type { SeriesDay } from './chart-data';

type State = NonNullable<SeriesDay['providers'][ProviderId]>['state'];

export interface ProviderCoverage {
  providerId: ProviderId;
  counts: Record<State, number>;
  /** The provisional reported days: first and last date, and the last one's "may change until". */
  provisional: { first: string; last: string; lastUntil: string } | null;
}

/** How many of a provider's days are in each state, and which reported days are provisional. */
export function providerCoverage(days: readonly SeriesDay[], providerId: ProviderId): ProviderCoverage {
  const counts: Record<State, number> = {
    reported: 0,
    'no-activity': 0,
    syncing: 0,
    'not-synced': 0,
    'not-linked': 0,
  };
  const provisionalDays: { date: string; until: string }[] = [];
  for (const day of days) {
    const providerDay = day.providers[providerId];
    if (!providerDay) continue;
    counts[providerDay.state] += 1;
    if (
      providerDay.mayChangeUntil !== null &&
      (providerDay.state === 'reported' || providerDay.state === 'no-activity')
    ) {
      provisionalDays.push({ date: day.date, until: providerDay.mayChangeUntil });
    }
  }
  const first = provisionalDays[0];
  const last = provisionalDays.at(-1);
  const provisional = first && last ? { first: first.date, last: last.date, lastUntil: last.until } : null;
  return { providerId, counts, provisional };
}

/**
 * The days as the job stream says now: while a platform's sync is queued or running, its dates no
 * sync has read yet are "syncing" (the overview was read before the sync started).
 */
export function withLiveSyncs<Day extends SeriesDay>(
  days: readonly Day[],
  syncing: ReadonlySet<ProviderId>,
): Day[] {
  if (syncing.size === 0) return [...days];
  return days.map((day) => {
    const providers = { ...day.providers };
    for (const providerId of syncing) {
      const providerDay = providers[providerId];
      if (providerDay?.state === 'not-synced') providers[providerId] = { ...providerDay, state: 'syncing' };
    }
    return { ...day, providers };
  });
}
