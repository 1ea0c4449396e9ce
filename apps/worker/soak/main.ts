/**
 * `pnpm test:soak [--size=smoke|full] [--web=start|dev] [--skip-build]`: the load proof of issue 12.
 * N users × 4 platforms linked through the sandbox, synced by 2 worker processes through the
 * scheduler on an offset clock (each round one hourly cadence later), while the web app serves
 * dashboard reads and job streams. RSS and V8 heap of the web app and each worker are sampled every
 * second (the heap over each process's inspector); the report gives memory growth after the warm-up,
 * limiter violations at the sandbox's meter and queue ages against the stuck-queue limits, and
 * goes to `reliability/results/soak-<ci|full>.json`.
 * The run exits 1 when a row misses its target (the smoke size only when an invariant breaks:
 * failed jobs, limiter violations, 5xx, stuck jobs; 30 s says nothing about memory growth).
 */
import { parseArgs } from 'node:util';
import {
  AlertEnvSchema,
  type AlertPayload,
  collections,
  queueNames,
  type SyncJobData,
  SyncScheduler,
} from '@cohorts/core';
import type { Clock } from '@cohorts/core/clock';
import { redisUrl, waitFor } from '@cohorts/test-harness';
import { writeReliabilityResult } from '@cohorts/test-harness/reliability';
import { Queue } from 'bullmq';
import { snapshotQueue } from '../src/alerts/queue-snapshot';
import { startWebhookReceiver } from '../test/webhook-receiver';
import { startMemorySampler } from './memory-sampler';
import { formatTable, resultsDir } from './results';
import { type SoakMeasurements, soakRows } from './rows';
import { seedUsers } from './seed';
import { type SoakSize, soakSizes } from './sizes';
import { startSoakStack, type WebMode } from './stack';
import { seededRandom, startWebLoad, warmUpWeb } from './web-load';

const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    web: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const sizeName = flags.size;
if (sizeName !== 'smoke' && sizeName !== 'full') {
  console.error(`--size must be smoke or full, not ${sizeName}`);
  process.exit(2);
}
const size: SoakSize = soakSizes[sizeName];
const web: WebMode = flags.web === 'dev' || flags.web === 'start' ? flags.web : size.web;
const clockStartAt = '2026-11-18T12:00:00Z';
const cadenceMs = 3_600_000;
const stuckLimits = AlertEnvSchema.parse({});

const alerts = await startWebhookReceiver();
const began = performance.now();
const log = (message: string) =>
  console.log(`[soak ${((performance.now() - began) / 1000).toFixed(0)} s] ${message}`);

log(`size ${sizeName}: ${size.users} users × 4 platforms, ${size.soakSeconds} s, web: next ${web}`);
const stack = await startSoakStack({
  web,
  build: !flags['skip-build'],
  clockStartAt,
  workerConcurrency: size.workerConcurrency,
  alertWebhookUrl: alerts.url,
  reconcilerIntervalMs: size.reconcilerIntervalMs,
  alertCheckIntervalMs: size.alertCheckIntervalMs,
});
log(`stack up (logs in ${stack.logDir}): ${JSON.stringify(stack.startup)}`);

const connection = new URL(redisUrl());
const queue = new Queue<SyncJobData>(queueNames.sync, {
  connection: { host: connection.hostname, port: Number(connection.port || 6379) },
  prefix: stack.redisPrefix,
});
let exitCode = 1;
try {
  const seedStarted = performance.now();
  const users = await seedUsers(stack, { users: size.users, watchers: size.watchers });
  log(`seeded ${users.length} users × 4 in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // The scheduler's clock runs with everyone else's, `rounds` cadences ahead: each round finds every
  // integration due again (the workers stamped their syncs on their own, unshifted clock).
  let rounds = 0;
  const schedulerClock: Clock = { now: () => new Date(stack.clock.now().getTime() + rounds * cadenceMs) };
  const scheduler = new SyncScheduler({ db: stack.db, syncQueue: queue, clock: schedulerClock });

  const today = stack.clock.now();
  const daysAgo = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  const range = { from: daysAgo(30), to: daysAgo(1) };
  await warmUpWeb({ webUrl: stack.webUrl, cronSecret: stack.cronSecret, users, range });
  log('web routes answer');

  // Sampling: RSS and heap every second, the queue's oldest waiting and longest running job every 2 s.
  const soakStarted = performance.now();
  const atSeconds = () => (performance.now() - soakStarted) / 1000;
  const memory = await startMemorySampler(
    [
      { name: 'web', pid: stack.web.child.pid, inspectorPort: stack.inspectorPorts.web },
      ...stack.workers.map((worker) => ({
        name: worker.name,
        pid: worker.child.pid,
        inspectorPort: stack.inspectorPorts[worker.name],
      })),
    ],
    { startedAt: soakStarted, warmUpSeconds: size.warmUpSeconds },
  );
  const queueAges = { oldestWaitingMs: 0, longestRunningMs: 0 };
  const sampleQueue = setInterval(() => {
    void snapshotQueue(queue)
      .then((snapshot) => {
        // BullMQ stamps jobs with the machine's time, so their ages are read against it too.
        const now = Date.now();
        if (snapshot.oldestWaitingSince)
          queueAges.oldestWaitingMs = Math.max(
            queueAges.oldestWaitingMs,
            now - snapshot.oldestWaitingSince.getTime(),
          );
        if (snapshot.longestRunning)
          queueAges.longestRunningMs = Math.max(
            queueAges.longestRunningMs,
            now - snapshot.longestRunning.startedAt.getTime(),
          );
      })
      .catch(() => undefined);
  }, 2000);

  const load = startWebLoad({
    webUrl: stack.webUrl,
    cronSecret: stack.cronSecret,
    users,
    readsPerSecond: size.readsPerSecond,
    maxInFlight: 8,
    streamSeconds: size.streamSeconds,
    range,
    random: seededRandom(12),
  });

  const drained = async (deadlineMs: number) => {
    await waitFor(
      async () => {
        const counts = await queue.getJobCounts(
          'wait',
          'active',
          'delayed',
          'prioritized',
          'waiting-children',
        );
        return Object.values(counts).every((count) => count === 0);
      },
      { timeoutMs: deadlineMs, intervalMs: 500, what: 'the sync queue to drain' },
    );
  };

  let enqueued = 0;
  let completedRounds = 0;
  let lastRoundEnd = 0;
  let unfinishedRound = false;
  const soakEndsAt = soakStarted + size.soakSeconds * 1000;
  while (performance.now() < soakEndsAt) {
    const roundStarted = performance.now();
    const summary = await scheduler.scheduleAllUsers();
    enqueued += summary.enqueued;
    const scheduledIn = (performance.now() - roundStarted) / 1000;
    try {
      await drained(Math.max(1000, soakEndsAt - performance.now()));
    } catch {
      // The round goes on after the soak: it counts once the final drain has finished it.
      unfinishedRound = true;
      log(`round ${rounds + 1}: scheduled in ${scheduledIn.toFixed(1)} s, still running when the soak ended`);
      break;
    }
    completedRounds += 1;
    lastRoundEnd = performance.now();
    log(
      `round ${rounds + 1}: examined ${summary.examined}, enqueued ${summary.enqueued}, errors ${summary.errors}, ` +
        `scheduled in ${scheduledIn.toFixed(1)} s, drained in ${((performance.now() - roundStarted) / 1000).toFixed(1)} s`,
    );
    rounds += 1;
  }
  const soakSeconds = atSeconds();
  // Read while the load still runs, as at the warm-up's end.
  const processMemory = await memory.stop();
  clearInterval(sampleQueue);
  const webStats = await load.stop();
  log(`soak over after ${soakSeconds.toFixed(0)} s; letting the last round finish`);
  try {
    await drained(size.drainSeconds * 1000);
  } catch {
    // Reported, not thrown: the rows then show the jobs that never finished.
    unfinishedRound = false;
    log(`the last round had not finished ${size.drainSeconds} s after the soak`);
  }
  if (unfinishedRound) {
    completedRounds += 1;
    lastRoundEnd = performance.now();
  }
  log(`${completedRounds} rounds done after ${atSeconds().toFixed(0)} s`);

  const countJobs = async (status: string) =>
    (await stack.db.collectionGroup(collections.syncJobs).where('status', '==', status).count().get()).data()
      .count;
  const [succeeded, failed, integrationsCount] = await Promise.all([
    countJobs('success'),
    countJobs('error'),
    stack.db.collectionGroup(collections.adIntegrations).count().get(),
  ]);
  const meter = stack.sandbox.state.meter.snapshot();
  const measurements: SoakMeasurements = {
    users: users.length,
    integrations: integrationsCount.data().count,
    expectedIntegrations: size.users * 4,
    soakSeconds,
    roundsCompleted: completedRounds,
    minRounds: size.minRounds,
    jobsEnqueued: enqueued,
    jobsSucceeded: succeeded,
    jobsFailed: failed,
    jobsPerSecond: lastRoundEnd > 0 ? (enqueued / (lastRoundEnd - soakStarted)) * 1000 : 0,
    memory: processMemory,
    limiter: {
      credentials: meter.length,
      credentialsAboveInSlidingSecond: meter.filter((entry) => entry.maxPerSlidingSecond > 10).length,
      calendarSecondsAbove: meter.reduce((sum, entry) => sum + entry.secondsAbove10.length, 0),
      maxPerSlidingSecond: meter.reduce((max, entry) => Math.max(max, entry.maxPerSlidingSecond), 0),
    },
    queue: {
      ...queueAges,
      stuckWaitingLimitMs: stuckLimits.SCHEDULER_ALERT_STUCK_WAITING_MS,
      stuckRunningLimitMs: stuckLimits.SCHEDULER_ALERT_STUCK_RUNNING_MS,
      stuckAlerts: alerts.received.filter((alert: AlertPayload) => alert.kind.startsWith('queue-stuck'))
        .length,
    },
    web: webStats,
  };
  const rows = soakRows(measurements);
  const command = `pnpm test:soak --size=${sizeName}${flags.web ? ` --web=${web}` : ''}`;
  const path = writeReliabilityResult(resultsDir, {
    suite: 'soak',
    size: sizeName === 'full' ? 'full' : 'ci',
    generatedAt: new Date().toISOString(),
    command,
    rows,
  });
  console.log(`\n${formatTable(rows)}\n\nwritten to ${path}`);
  if (webStats.failureSamples.length > 0)
    console.log(`web failures (first few):\n  ${webStats.failureSamples.join('\n  ')}`);
  const invariants = rows.filter((r) => !/RSS|heap|cadences/.test(r.name));
  exitCode = (sizeName === 'full' ? rows : invariants).every((r) => r.pass) ? 0 : 1;
} catch (error) {
  console.error(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.error(`logs in ${stack.logDir}`);
} finally {
  await queue.close();
  await stack.stop();
  await alerts.close();
}
process.exit(exitCode);
