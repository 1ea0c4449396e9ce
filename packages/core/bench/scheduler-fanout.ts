/**
 * `pnpm --filter @cohorts/core bench`: the scheduler's all-users fan-out against the Firestore
 * emulator and Redis (started by the test harness unless FIRESTORE_EMULATOR_HOST is set). Prints
 * integrations handled per second and heap growth for BENCH_TENANTS tenants (default 2000, ten
 * pages of 200); asserts nothing about time. `--smoke` (or BENCH_SIZE=smoke): 30 tenants in pages
 * of 10, so the test suite runs it in seconds and still crosses pages.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { testRedis, uniqueRedisPrefix } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { clockStartingAt } from '../src/clock/clock';
import { firestoreFor } from '../src/firestore/firebase-app';
import { adIntegrationPath } from '../src/firestore/paths';
import { queueNames, type SyncJobData } from '../src/jobs/catalog';
import { defaultSchedulerConcurrency, SyncScheduler } from '../src/scheduling/sync-scheduler';
import { integrationFixture } from '../test/fixtures';

const { values: flags } = parseArgs({ options: { smoke: { type: 'boolean', default: false } } });
const smoke = flags.smoke || process.env.BENCH_SIZE === 'smoke';
const tenants = Number(process.env.BENCH_TENANTS ?? (smoke ? 30 : 2_000));
const pageSize = smoke ? 10 : 200;
/** The scheduler's clock, started at a fixed instant; the seeded integrations fell due a day before it. */
const clock = clockStartingAt('2026-11-18T12:00:00Z');
const db = firestoreFor(`demo-bench-${randomUUID().slice(0, 8)}`);
const connection = testRedis();
const queue = new Queue<SyncJobData>(queueNames.sync, { connection, prefix: uniqueRedisPrefix('bench') });

async function seed(): Promise<void> {
  const writer = db.bulkWriter();
  const due = new Date(clock.now().getTime() - 86_400_000);
  for (let i = 0; i < tenants; i += 1) {
    const integration = { ...integrationFixture(`bench-${i}`, 'google', due), lastSyncedAt: due };
    void writer.set(db.doc(adIntegrationPath(integration.userId, 'google')), {
      ...integration,
      syncFrequencyMinutes: 60,
    });
  }
  await writer.close();
}

/** Heap in use after a full GC when `--expose-gc` is on (the bench script sets it), else as is. */
function retainedHeap(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

async function run(label: string, force: boolean): Promise<void> {
  const heapBefore = retainedHeap();
  const started = performance.now();
  const summary = await new SyncScheduler({ db, syncQueue: queue, pageSize, clock }).scheduleAllUsers({
    force,
  });
  const seconds = (performance.now() - started) / 1000;
  const heapMb = (retainedHeap() - heapBefore) / 1_048_576;
  console.log(
    `${label}: examined ${summary.examined}, enqueued ${summary.enqueued}, skipped ${JSON.stringify(summary.skipped)}, ` +
      `errors ${summary.errors} | ${(summary.examined / seconds).toFixed(0)} integrations/s, ` +
      `${seconds.toFixed(1)} s, retained heap ${heapMb >= 0 ? '+' : ''}${heapMb.toFixed(1)} MB`,
  );
}

try {
  await seed();
  console.log(
    `scheduleAllUsers over ${tenants} tenants (page ${pageSize}, concurrency ${defaultSchedulerConcurrency})`,
  );
  await run('due run (all due)', false);
  await run('second run (nothing due)', false);
  await run('forced run (replaces queued scheduled jobs)', true);
} finally {
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
}
