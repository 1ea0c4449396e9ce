import {
  AdMetricsRepository,
  addDays,
  adMetricsCollectionPath,
  computeInsights,
  type MetricsDateRow,
  previousPeriod,
  providerIds,
} from '@cohorts/core';
import { sandboxLogins } from '@cohorts/sync/testing';
import { uniqueId } from '@cohorts/test-harness';
import { FieldPath } from 'firebase-admin/firestore';
import { type BenchContext, linkUser, percentile, syncAll } from './context';
import type { BenchRow } from './table';

export interface DashboardSize {
  days: number;
  runs: number;
}

async function timed(runs: number, call: () => Promise<unknown>): Promise<number[]> {
  await call(); // warm: the first query of a shape plans it in the emulator
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * What `metrics.daily` and `analytics.insights` run for one user with 4 platforms × `days` days
 * (the procedures' own core calls, as `apps/web/src/server/handlers/{metrics,insights}.ts` make them:
 * `AdMetricsRepository.readRange`; for insights two `readRangeFields` projections at once and
 * `computeInsights`; tRPC and HTTP are not in the figure), against one raw range read of the same
 * documents.
 */
export async function dashboardRow(context: BenchContext, size: DashboardSize): Promise<BenchRow> {
  const { db, clock } = context.e2e;
  const userId = uniqueId('bench-dashboard');
  const integrations = [];
  for (const providerId of providerIds)
    integrations.push(await linkUser(context, providerId, sandboxLogins.ada, userId));
  await syncAll(context, integrations, 'initial-backfill', size.days);
  const to = addDays(clock.now().toISOString().slice(0, 10), -1);
  const from = addDays(to, 1 - size.days);
  const repository = new AdMetricsRepository(db);
  const documents = (await db.collection(adMetricsCollectionPath(userId)).count().get()).data().count;

  const raw = await timed(size.runs, () =>
    db
      .collection(adMetricsCollectionPath(userId))
      .orderBy(FieldPath.documentId())
      .startAt(`${from}_`)
      .endAt(`${to}_\uf8ff`)
      .get(),
  );
  const daily = await timed(size.runs, () => repository.readRange(userId, { from, to }));
  // As `analytics.insights` runs it: both periods at once, each read once with a projection of the
  // fields insights use (the previous period's creatives are never shown, so never read).
  const reported = <Day>(rows: readonly MetricsDateRow<Day>[]): Day[] =>
    rows.flatMap((row) =>
      Object.values(row.providers).filter((day): day is Day => day !== null && day !== undefined),
    );
  const insights = await timed(size.runs, async () => {
    const [current, previous] = await Promise.all([
      repository.readRangeFields(userId, { from, to }, ['campaigns', 'creatives']),
      repository.readRangeFields(userId, previousPeriod(from, to), ['campaigns']),
    ]);
    return computeInsights({
      period: { from, to },
      current: reported(current),
      previous: reported(previous),
    });
  });
  const rawP95 = percentile(raw, 95);
  const dailyP95 = percentile(daily, 95);
  const insightsP95 = percentile(insights, 95);
  const ratio = Math.max(dailyP95, insightsP95) / rawP95;
  return {
    row: 'dashboard',
    figure: `p95 daily ${dailyP95.toFixed(0)} ms, insights ${insightsP95.toFixed(0)} ms`,
    limit: `p95 raw read ${rawP95.toFixed(0)} ms`,
    ratio,
    target: 'p95 <= 2x',
    pass: ratio <= 2,
    notes:
      `${documents} day documents (4 platforms × ${size.days} days, Ada's five accounts each), ${size.runs} calls ` +
      'each after one warm-up; ratio = the slower procedure ÷ the raw range read.',
  };
}
