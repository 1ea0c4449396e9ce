/**
 * `pnpm --filter @cohorts/worker bench` (or `pnpm bench`): sync throughput of two worker processes
 * against the sandbox, and the wall time of one 90-day backfill of one integration.
 * Env: BENCH_INTEGRATIONS (default 24), BENCH_RUNS (default 3), WORKER_CONCURRENCY (default 4).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AdIntegration,
  firestoreFor,
  providerIds,
  queueNames,
  SyncJobService,
  SyncJobsRepository,
  TokenVault,
} from '@cohorts/core';
import { createConnectors, createLimiterRedis } from '@cohorts/providers';
import { startSandbox } from '@cohorts/sandbox';
import {
  linkThroughSandbox,
  sandboxLogins,
  sandboxOAuthApps,
  sandboxOAuthEnv,
  testEncryptionKeys,
} from '@cohorts/sync/testing';
import { freePort, redisUrl, uniqueId, uniqueRedisPrefix, waitFor } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { isReady, spawnWorker } from '../test/support/worker-process';

const integrationsCount = Number(process.env.BENCH_INTEGRATIONS ?? 24);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const concurrency = process.env.WORKER_CONCURRENCY ?? '4';

// A Firestore project of its own: the workers' scheduler and reconciler see only this run's data.
const projectId = `demo-bench-${randomBytes(4).toString('hex')}`;
const db = firestoreFor(projectId);
const keys = testEncryptionKeys();
const vault = new TokenVault(keys);
const jobsRepo = new SyncJobsRepository(db);
const prefix = uniqueRedisPrefix('bench');
const address = new URL(redisUrl());
const connection = { host: address.hostname, port: Number(address.port || 6379) };

const sandbox = await startSandbox({ port: 0 });
const limiterRedis = createLimiterRedis(redisUrl());
const connectors = createConnectors({
  apps: sandboxOAuthApps(),
  sandboxUrl: sandbox.url,
  redis: limiterRedis,
});
const queue = new Queue(queueNames.sync, { connection, prefix });
const service = new SyncJobService({ db, syncQueue: queue });
const rawDir = await mkdtemp(join(tmpdir(), 'bench-raw-'));
const env = {
  ...sandboxOAuthEnv(),
  FIREBASE_PROJECT_ID: projectId,
  TOKEN_ENCRYPTION_KEYS: keys,
  REDIS_PREFIX: prefix,
  ADS_SANDBOX_URL: sandbox.url,
  RAW_PAYLOAD_DIR: rawDir,
  WORKER_CONCURRENCY: concurrency,
  LOG_LEVEL: 'warn',
};
const workers = [spawnWorker(env, await freePort()), spawnWorker(env, await freePort())];

async function backfillAll(integrations: AdIntegration[]): Promise<number> {
  const startedAt = performance.now();
  const jobs = await Promise.all(
    integrations.map(
      async (i) => (await service.enqueue(i.userId, i.providerId, 'initial-backfill', 90)).job,
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
    `  throughput: ${integrationsCount} initial backfills (90 days) in ${(manyMs / 1000).toFixed(2)} s = ${(
      (integrationsCount * 1000) / manyMs
    ).toFixed(2)} jobs/s`,
  );
  console.log(
    `  one 90-day backfill of one integration (Meta, 5 ad accounts), enqueue to success: median ${(median / 1000).toFixed(2)} s over ${runs} runs [${single
      .map((ms) => (ms / 1000).toFixed(2))
      .join(', ')}]`,
  );
} finally {
  for (const worker of workers) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  limiterRedis.disconnect();
  await sandbox.close();
  await rm(rawDir, { recursive: true, force: true });
}
