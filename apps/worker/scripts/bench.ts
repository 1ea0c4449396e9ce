/**
 * `pnpm --filter @cohorts/worker bench` (or `pnpm bench`): sync throughput of two worker processes
 * against the sandbox, and the wall time of one 90-day backfill of one integration.
 * Env: BENCH_INTEGRATIONS (default 24), BENCH_RUNS (default 3), WORKER_CONCURRENCY (default 4).
 * `--smoke` (or BENCH_SIZE=smoke): one integration per platform, 7-day backfills and one single-
 * backfill run, so the test suite runs it in seconds; the env knobs above still override.
 * The sandbox, this process and the workers run on one clock started at a fixed instant (see
 * `startE2eEnvironment`), so the fixtures' dated campaigns never age out of the 90 days.
 */
import { parseArgs } from 'node:util';
import { type AdIntegration, providerIds, SyncJobService, SyncJobsRepository } from '@cohorts/core';
import { linkThroughSandbox, sandboxLogins } from '@cohorts/sync/testing';
import { freePort, uniqueId, waitFor } from '@cohorts/test-harness';
import { startE2eEnvironment } from '../test/support/e2e-environment';
import { isReady, spawnWorker } from '../test/support/worker-process';

const { values: flags } = parseArgs({ options: { smoke: { type: 'boolean', default: false } } });
const smoke = flags.smoke || process.env.BENCH_SIZE === 'smoke';
const integrationsCount = Number(process.env.BENCH_INTEGRATIONS ?? (smoke ? providerIds.length : 24));
const runs = Number(process.env.BENCH_RUNS ?? (smoke ? 1 : 3));
const concurrency = process.env.WORKER_CONCURRENCY ?? '4';
const backfillDays = smoke ? 7 : 90;

// A Firestore project, Redis prefix and sandbox of this run's own: the workers' scheduler and
// reconciler see only this run's data.
const e2e = await startE2eEnvironment('bench');
const { db, vault, connectors, clock } = e2e;
const jobsRepo = new SyncJobsRepository(db);
const service = new SyncJobService({ db, syncQueue: e2e.queue, clock });
const env = { ...e2e.workerEnv, WORKER_CONCURRENCY: concurrency, LOG_LEVEL: 'warn' };
const workers = [spawnWorker(env, await freePort()), spawnWorker(env, await freePort())];

async function backfillAll(integrations: AdIntegration[]): Promise<number> {
  const startedAt = performance.now();
  const jobs = await Promise.all(
    integrations.map(
      async (i) => (await service.enqueue(i.userId, i.providerId, 'initial-backfill', backfillDays)).job,
    ),
  );
  const records = await waitFor(
    async () => {
      const found = await Promise.all(jobs.map((job) => jobsRepo.get(job.userId, job.id)));
      return found.every((r) => r?.status === 'success' || r?.status === 'error') ? found : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 50, what: 'the backfills to finish' },
  );
  const failed = records.filter((r) => r?.status === 'error');
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} backfills failed: ${failed.map((r) => `${r?.providerId}: ${r?.errorMessage}`).join('; ')}`,
    );
  }
  return performance.now() - startedAt;
}

function link(providerId: (typeof providerIds)[number], login: string) {
  return linkThroughSandbox({
    db,
    vault,
    connector: connectors[providerId],
    userId: uniqueId('bench'),
    login,
    now: clock.now(),
  });
}

try {
  await waitFor(async () => (await Promise.all(workers.map(isReady))).every(Boolean), {
    timeoutMs: 60_000,
    what: 'the worker processes',
  });

  const logins = [sandboxLogins.ada, sandboxLogins.ben];
  const many: AdIntegration[] = [];
  for (let i = 0; many.length < integrationsCount; i++) {
    const providerId = providerIds[i % providerIds.length] ?? 'google';
    many.push(
      await link(providerId, logins[Math.floor(i / providerIds.length) % logins.length] ?? sandboxLogins.ben),
    );
  }
  const manyMs = await backfillAll(many);

  const single: number[] = [];
  for (let run = 0; run < runs; run++)
    single.push(await backfillAll([await link('facebook', sandboxLogins.ada)]));
  single.sort((a, b) => a - b);
  const median = single[Math.floor(single.length / 2)] ?? 0;

  console.log(
    `\nworker bench (2 worker processes, concurrency ${concurrency} each, sandbox on this machine)`,
  );
  console.log(
    `  throughput: ${integrationsCount} initial backfills (${backfillDays} days) in ${(manyMs / 1000).toFixed(2)} s = ${(
      (integrationsCount * 1000) / manyMs
    ).toFixed(2)} jobs/s`,
  );
  console.log(
    `  one ${backfillDays}-day backfill of one integration (Meta, 5 ad accounts), enqueue to success: median ${(median / 1000).toFixed(2)} s over ${runs} runs [${single
      .map((ms) => (ms / 1000).toFixed(2))
      .join(', ')}]`,
  );
} finally {
  for (const worker of workers) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await e2e.close();
}
