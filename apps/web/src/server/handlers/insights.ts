import 'server-only';
import { AdMetricsRepository, computeInsights, type MetricsDateRow, previousPeriod } from '@cohorts/core';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { targetUser } from '../auth/target-user';
import { firestore } from '../services';
import type { InsightsInput } from './schemas';

const reported = <Day>(rows: readonly MetricsDateRow<Day>[]): Day[] =>
  rows.flatMap((row) =>
    Object.values(row.providers).filter((day): day is Day => day !== null && day !== undefined),
  );

/**
 * Insights for a range against the previous period of the same length (see core's computeInsights).
 * Each period is read once, and only the fields insights use: the previous period's creatives are
 * never shown, so they are not read.
 */
export async function insights(caller: Caller, input: z.infer<typeof InsightsInput>) {
  const userId = targetUser(caller, input.userId);
  const repository = new AdMetricsRepository(firestore());
  const before = previousPeriod(input.from, input.to);
  const providerIds = input.providerIds;
  const [currentRows, previousRows] = await Promise.all([
    repository.readRangeFields(userId, { from: input.from, to: input.to, providerIds }, [
      'campaigns',
      'creatives',
    ]),
    repository.readRangeFields(userId, { ...before, providerIds }, ['campaigns']),
  ]);
  return {
    userId,
    ...computeInsights({
      period: { from: input.from, to: input.to },
      current: reported(currentRows),
      previous: reported(previousRows),
      top: input.top,
    }),
  };
}
