/**
 * `pnpm bench` (root): every performance figure beside the limit measured in the same run, as one
 * table, also written to `.bench/results.json` (git-ignored) at the repository root.
 *
 *   --size=smoke|full   smoke (default) runs in `pnpm test` in about a minute; full is the README's run
 *   --rows=a,b          only these rows (limiter, fan-out, pipeline, backfill, live-status, dashboard, scale-out)
 *   --fanout-integrations=N  the fan-out row's size (smoke 250, full 100,000)
 *   --out=DIR           where results.json goes (default: .bench/ at the repository root)
 *
 * Runs under the test harness (emulators on free ports unless FIRESTORE_EMULATOR_HOST is set, Redis
 * at REDIS_URL) with a sandbox, Firestore projects and Redis prefixes of its own, and real worker
 * processes (`src/main.ts`). Every clock starts at 2026-11-18T12:00Z, so the data never ages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { backfillRow } from './backfill';
import { type BenchContext, startBenchContext, startWorkers } from './context';
import { dashboardRow } from './dashboard';
import { fanoutRow } from './fanout';
import { limiterRow } from './limiter';
import { liveStatusRow } from './live-status';
import { pipelineRow } from './pipeline';
import { scaleOutRow } from './scale-out';
import { type BenchResults, type BenchRow, renderTable } from './table';

const rowNames = [
  'limiter',
  'fan-out',
  'pipeline',
  'backfill',
  'live-status',
  'dashboard',
  'scale-out',
] as const;
type RowName = (typeof rowNames)[number];

const sizes = {
  smoke: {
    limiter: { credentials: 4, durationMs: 3_000, callersPerCredential: 2 },
    fanout: { integrations: 250, pageSize: 100 },
    pipeline: { users: 1 },
    backfill: { days: 7 },
    liveStatus: { runs: 3 },
    dashboard: { days: 7, runs: 5 },
    scaleOut: { integrations: 4, processes: [1, 2], concurrency: 4 },
    workerConcurrency: 8,
  },
  full: {
    limiter: { credentials: 20, durationMs: 10_000, callersPerCredential: 2 },
    fanout: { integrations: 100_000, pageSize: 500 },
    pipeline: { users: 10 },
    backfill: { days: 90 },
    liveStatus: { runs: 20 },
    dashboard: { days: 90, runs: 20 },
    scaleOut: { integrations: 24, processes: [1, 2, 4], concurrency: 4 },
    // At least the credentials with work (pipeline: 10 users x 4 platforms) over the 2 processes,
    // so no sync waits in the queue behind another credential's (WORKER_CONCURRENCY in production).
    workerConcurrency: 20,
  },
} as const;

const flags = z
  .object({
    size: z.enum(['smoke', 'full']).default('smoke'),
    'fanout-integrations': z.coerce.number().int().positive().optional(),
    out: z.string().default(fileURLToPath(new URL('../../../../.bench/', import.meta.url))),
    rows: z
      .string()
      .optional()
      .transform((value) => (value ? value.split(',') : [...rowNames]))
      .pipe(z.array(z.enum(rowNames))),
  })
  .parse(
    parseArgs({
      options: {
        size: { type: 'string' },
        rows: { type: 'string' },
        out: { type: 'string' },
        'fanout-integrations': { type: 'string' },
      },
    }).values,
  );
const size = sizes[flags.size];
const wanted = (row: RowName) => flags.rows.includes(row);

const rows: BenchRow[] = [];
const context: BenchContext = await startBenchContext();
try {
  // Rows without the shared workers first (the limiter reads the sandbox meter as it stands).
  if (wanted('limiter')) rows.push(await limiterRow(context, size.limiter));
  if (wanted('fan-out'))
    rows.push(
      await fanoutRow({
        ...size.fanout,
        integrations: flags['fanout-integrations'] ?? size.fanout.integrations,
      }),
    );
  if (wanted('pipeline') || wanted('backfill') || wanted('live-status') || wanted('dashboard')) {
    const workers = await startWorkers(context, 2, size.workerConcurrency, 'info');
    try {
      if (wanted('pipeline')) rows.push(await pipelineRow(context, size.pipeline, workers.workers));
      if (wanted('backfill')) rows.push(await backfillRow(context, size.backfill, workers.workers));
      if (wanted('live-status')) rows.push(await liveStatusRow(context, size.liveStatus));
      if (wanted('dashboard')) rows.push(await dashboardRow(context, size.dashboard));
    } finally {
      await workers.stop();
    }
  }
  if (wanted('scale-out')) rows.push(await scaleOutRow(context, size.scaleOut));
} finally {
  await context.e2e.close();
}

const results: BenchResults = {
  size: flags.size,
  generatedAt: new Date().toISOString(),
  command: [
    `pnpm bench --size=${flags.size}`,
    ...(flags.rows.length < rowNames.length ? [`--rows=${flags.rows.join(',')}`] : []),
    ...(flags['fanout-integrations'] ? [`--fanout-integrations=${flags['fanout-integrations']}`] : []),
  ].join(' '),
  machine: {
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1_073_741_824),
    node: process.version,
  },
  rows,
};
await mkdir(flags.out, { recursive: true });
const written = join(flags.out, 'results.json');
await writeFile(written, `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `\n${results.command} on ${results.machine.cores} cores, ${results.machine.memoryGb} GB, Node ${results.machine.node}\n`,
);
console.log(renderTable(rows));
console.log(`\nwritten to ${written}`);
