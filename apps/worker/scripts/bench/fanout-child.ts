/**
 * One `scheduleAllUsers` run in a process of its own, so its peak RSS (VmHWM) is the scheduler's
 * alone. Started with the operations process's heap cap. Prints `{ms, summary, peakRssMb, heap}` as
 * one JSON line: `heap` is the V8 heap in use, sampled every 100 ms, its peak in the first and in the
 * second half of the run (a run that kept pages would end with a larger heap than it started).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { firestoreFor, queueNames, type SyncJobData, SyncScheduler } from '@cohorts/core';
import { clockStartingAt } from '@cohorts/core/clock';
import { Queue } from 'bullmq';
import { z } from 'zod';

const args = z
  .object({
    project: z.string(),
    redis: z.string().url(),
    prefix: z.string(),
    'page-size': z.coerce.number().int().positive(),
    now: z.string().datetime(),
  })
  .parse(
    parseArgs({
      options: {
        project: { type: 'string' },
        redis: { type: 'string' },
        prefix: { type: 'string' },
        'page-size': { type: 'string' },
        now: { type: 'string' },
      },
    }).values,
  );

/** Peak resident set of this process (Linux VmHWM), in MB; process.memoryUsage's sample elsewhere. */
async function peakRssMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : process.memoryUsage().rss / 1_048_576;
}

const redis = new URL(args.redis);
const queue = new Queue<SyncJobData>(queueNames.sync, {
  connection: { host: redis.hostname, port: Number(redis.port || 6379) },
  prefix: args.prefix,
});
const db = firestoreFor(args.project);
const scheduler = new SyncScheduler({
  db,
  syncQueue: queue,
  clock: clockStartingAt(args.now),
  pageSize: args['page-size'],
});
const mb = (bytes: number) => bytes / 1_048_576;
const startRssMb = mb(process.memoryUsage().rss);
const heapSamples: { at: number; used: number }[] = [];
const sampler = setInterval(
  () => heapSamples.push({ at: performance.now(), used: process.memoryUsage().heapUsed }),
  100,
);
const started = performance.now();
const summary = await scheduler.scheduleAllUsers();
const ms = performance.now() - started;
clearInterval(sampler);
const half = started + ms / 2;
const peakOf = (samples: typeof heapSamples) => mb(Math.max(0, ...samples.map((sample) => sample.used)));
const heap = {
  startRssMb,
  firstHalfPeakMb: peakOf(heapSamples.filter((sample) => sample.at < half)),
  secondHalfPeakMb: peakOf(heapSamples.filter((sample) => sample.at >= half)),
  limitMb: mb(getHeapStatistics().heap_size_limit),
};
await queue.close();
await db.terminate();
process.stdout.write(`${JSON.stringify({ ms, summary, peakRssMb: await peakRssMb(), heap })}\n`);
