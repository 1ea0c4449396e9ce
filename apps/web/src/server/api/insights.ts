import 'server-only';
import { type AdMetricsDay, AdMetricsRepository, computeInsights, previousPeriod } from '@cohorts/core';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { firestore } from '../services';
import { targetUser } from './integrations';
import type { InsightsInput } from './schemas';

/** Insights for a range against the previous period of the same length (see core's computeInsights). */
export async function insights(caller: Caller, input: z.infer<typeof InsightsInput>) {
  const userId = targetUser(caller, input.userId);
  const repository = new AdMetricsRepository(firestore());
  const before = previousPeriod(input.from, input.to);
  const read = async (range: { from: string; to: string }): Promise<AdMetricsDay[]> => {
    const rows = await repository.readRange(userId, { ...range, providerIds: input.providerIds });
    return rows.flatMap((row) =>
      Object.values(row.providers).filter((day): day is AdMetricsDay => day !== null),
    );
  };
  const [current, previous] = await Promise.all([read(input), read(before)]);
  return {
    userId,
    ...computeInsights({ period: { from: input.from, to: input.to }, current, previous, top: input.top }),
  };
}
