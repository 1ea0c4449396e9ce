import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  type AdIntegration,
  AdIntegrationSchema,
  adIntegrationPath,
  firestoreFor,
  newAdIntegration,
  queueNames,
  zodConverter,
} from '@cohorts/core';
import { testAdAccount } from '@cohorts/core/testing';
import { redisUrl, uniqueRedisPrefix } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { FieldPath, type Firestore, Timestamp } from 'firebase-admin/firestore';
import { z } from 'zod';
import { seconds } from './context';
import type { BenchRow } from './table';

const child = fileURLToPath(new URL('./fanout-child.ts', import.meta.url));
const now = new Date('2026-11-18T12:00:00Z');
const due = new Date(now.getTime() - 86_400_000);
const RSS_LIMIT_MB = 256;
const OPERATIONS_HEAP_MB = 128;

/** A long run's stages on stderr, so a 100,000-integration run shows where it is. */
const progress = (line: string) => process.stderr.write(`fan-out: ${line}\n`);

export interface FanoutSize {
  integrations: number;
  pageSize: number;
}

const ChildOutput = z.object({
  ms: z.number(),
  summary: z.object({ examined: z.number(), enqueued: z.number(), errors: z.number() }),
  peakRssMb: z.number(),
  heap: z.object({
    startRssMb: z.number(),
    firstHalfPeakMb: z.number(),
    secondHalfPeakMb: z.number(),
    limitMb: z.number(),
  }),
});

/** An hourly integration, last synced a day ago: due now. One tenant per integration. */
function dueIntegration(index: number): AdIntegration {
  const linked = newAdIntegration(
    {
      userId: `tenant-${String(index).padStart(6, '0')}`,
      providerId: 'google',
      scopes: ['https://www.googleapis.com/auth/adwords'],
      adAccounts: [testAdAccount('1112223334', { name: 'Acme Outdoor US', timeZone: 'America/New_York' })],
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
    },
    due,
  );
  return {
    ...linked,
    lastSyncStatus: 'success',
    lastSyncedAt: due,
    lastSyncRequestedAt: due,
    autoSyncEnabled: true,
    syncFrequencyMinutes: 60,
    selectedAccountIds: ['1112223334'],
    nextSyncDueAt: due,
  };
}

/**
 * Seeds `count` due integrations: batches of 500 (Firestore's most per commit), 8 commits in flight.
 * Setup, not measured: BulkWriter's ramp-up (500 writes/s at first) made 100,000 take minutes.
 */
async function seed(db: Firestore, count: number): Promise<void> {
  const converter = zodConverter(AdIntegrationSchema);
  const perBatch = 500;
  let next = 0;
  const committer = async () => {
    while (next < count) {
      const start = next;
      next = Math.min(count, next + perBatch);
      const batch = db.batch();
      for (let i = start; i < next; i++) {
        const integration = dueIntegration(i);
        batch.set(
          db.doc(adIntegrationPath(integration.userId, integration.providerId)).withConverter(converter),
          integration,
        );
      }
      await batch.commit();
    }
  };
  await Promise.all(Array.from({ length: 8 }, committer));
}

async function schedule(project: string, prefix: string, pageSize: number) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      // The heap cap the worker's operations process runs with (`start:operations` in package.json).
      `--max-old-space-size=${OPERATIONS_HEAP_MB}`,
      '--import',
      'tsx',
      child,
      '--project',
      project,
      '--redis',
      redisUrl(),
      '--prefix',
      prefix,
      '--page-size',
      String(pageSize),
      '--now',
      now.toISOString(),
    ],
    { env: process.env, maxBuffer: 16 * 1024 * 1024, timeout: 3_600_000 },
  );
  return ChildOutput.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? ''));
}

/**
 * The floor: one paging read of the due integrations (the scheduler's query, raw documents), then
 * the minimum each enqueue writes, in bulk: a `syncJobs` document (BulkWriter) and a BullMQ job
 * (`addBulk`), the two stores written at once.
 */
async function floor(db: Firestore, pageSize: number, count: number): Promise<{ ms: number; read: number }> {
  const queue = new Queue(queueNames.sync, {
    connection: { host: new URL(redisUrl()).hostname, port: Number(new URL(redisUrl()).port || 6379) },
    prefix: uniqueRedisPrefix('bench-floor'),
  });
  try {
    const started = performance.now();
    let read = 0;
    const writer = db.bulkWriter();
    const adds: Promise<unknown>[] = [];
    let cursor: FirebaseFirestore.QueryDocumentSnapshot | undefined;
    for (;;) {
      let query = db
        .collectionGroup('adIntegrations')
        .where('nextSyncDueAt', '<=', Timestamp.fromDate(now))
        .orderBy('nextSyncDueAt')
        .orderBy(FieldPath.documentId())
        .limit(pageSize);
      if (cursor) query = query.startAfter(cursor);
      const page = await query.get();
      read += page.size;
      const jobs = page.docs.map((doc) => ({
        id: `floor-${doc.id}-${read}`,
        userId: doc.ref.parent.parent?.id ?? '',
      }));
      for (const job of jobs) {
        void writer.create(db.doc(`users/${job.userId}/floorJobs/${job.id}`), {
          providerId: 'google',
          jobType: 'scheduled-sync',
          status: 'queued',
          timeframeDays: 8,
          createdAt: now,
        });
      }
      adds.push(
        queue.addBulk(
          jobs.map((job) => ({
            name: 'sync',
            data: { userId: job.userId, providerId: 'google', jobId: job.id },
            opts: { jobId: job.id },
          })),
        ),
      );
      cursor = page.docs.at(-1);
      if (page.size < pageSize) break;
    }
    await Promise.all([writer.close(), ...adds]);
    if (read !== count) throw new Error(`the floor read ${read} due integrations, not ${count}`);
    return { ms: performance.now() - started, read };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/**
 * `scheduleAllUsers` over `integrations` due integrations seeded in a Firestore project of the row's
 * own (one tenant each), in a child process: wall time, peak RSS, jobs created; a second run must
 * create none. Beside it, the floor measured on the same documents.
 */
export async function fanoutRow(size: FanoutSize): Promise<BenchRow> {
  const project = `demo-bench-fanout-${randomBytes(4).toString('hex')}`;
  const db = firestoreFor(project);
  const prefix = uniqueRedisPrefix('bench-fanout');
  const queue = new Queue(queueNames.sync, {
    connection: { host: new URL(redisUrl()).hostname, port: Number(new URL(redisUrl()).port || 6379) },
    prefix,
  });
  try {
    const seedStarted = performance.now();
    await seed(db, size.integrations);
    const seedMs = performance.now() - seedStarted;
    progress(`seeded ${size.integrations} integrations in ${seconds(seedMs)}`);
    const floorRun = await floor(db, size.pageSize, size.integrations);
    progress(`floor ${seconds(floorRun.ms)}`);
    const first = await schedule(project, prefix, size.pageSize);
    progress(
      `first run ${seconds(first.ms)}, ${first.summary.enqueued} enqueued, ${first.peakRssMb.toFixed(0)} MB`,
    );
    const second = await schedule(project, prefix, size.pageSize);
    const documents = (await db.collectionGroup('syncJobs').count().get()).data().count;
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    const queued = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const exact =
      first.summary.enqueued === size.integrations &&
      documents === size.integrations &&
      queued === size.integrations &&
      second.summary.enqueued === 0 &&
      first.summary.errors === 0;
    const ratio = first.ms / floorRun.ms;
    const perSecond = size.integrations / (first.ms / 1000);
    return {
      row: 'fan-out',
      figure: `${seconds(first.ms)} (${perSecond.toFixed(0)}/s), ${first.peakRssMb.toFixed(0)} MB`,
      limit: `${seconds(floorRun.ms)} floor`,
      ratio,
      target: `<= 1.5, <= ${RSS_LIMIT_MB} MB, exact`,
      pass: ratio <= 1.5 && first.peakRssMb <= RSS_LIMIT_MB && exact,
      notes:
        `${size.integrations} due integrations (page ${size.pageSize}), seeded in ${seconds(seedMs)}; jobs created ` +
        `${first.summary.enqueued} (syncJobs documents ${documents}, BullMQ jobs ${queued}), errors ` +
        `${first.summary.errors}; second run created ${second.summary.enqueued} in ${seconds(second.ms)}; ` +
        `peak RSS (VmHWM of the scheduling process, --max-old-space-size=${OPERATIONS_HEAP_MB}) ` +
        `${first.peakRssMb.toFixed(0)} MB, ${first.heap.startRssMb.toFixed(0)} MB before the first page; heap ` +
        `in use peaked at ${first.heap.firstHalfPeakMb.toFixed(0)} MB in the first half of the run and ` +
        `${first.heap.secondHalfPeakMb.toFixed(0)} MB in the second (limit ${first.heap.limitMb.toFixed(0)} MB).`,
    };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await db.terminate();
  }
}
