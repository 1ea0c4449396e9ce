import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  firestoreFor,
  type ProviderId,
  queueNames,
  SyncJobService,
  SyncJobsRepository,
  TokenVault,
} from '@cohorts/core';
import { type AdPlatformConnector, createConnectors, createLimiterRedis } from '@cohorts/providers';
import { type RunningSandbox, startSandbox } from '@cohorts/sandbox';
import {
  linkThroughSandbox,
  sandboxControl,
  sandboxLogins,
  sandboxOAuthApps,
  sandboxOAuthEnv,
  testEncryptionKeys,
} from '@cohorts/sync/testing';
import { freePort, redisUrl, uniqueId, uniqueRedisPrefix, waitFor } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReady, spawnWorker, type WorkerProcess } from './support/worker-process';

// A Firestore project of its own: the workers' scheduler and reconciler see only this run's data.
const projectId = `demo-shut-${randomBytes(4).toString('hex')}`;
const db = firestoreFor(projectId);
const keys = testEncryptionKeys();
const vault = new TokenVault(keys);
const jobsRepo = new SyncJobsRepository(db);
const prefix = uniqueRedisPrefix('shutdown');
const redisAddress = new URL(redisUrl());
const connection = { host: redisAddress.hostname, port: Number(redisAddress.port || 6379) };

let sandbox: RunningSandbox;
let limiterRedis: Redis;
let connectors: Record<ProviderId, AdPlatformConnector>;
let queue: Queue;
let rawDir: string;
let env: Record<string, string>;
const started: WorkerProcess[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  limiterRedis = createLimiterRedis(redisUrl());
  connectors = createConnectors({ apps: sandboxOAuthApps(), sandboxUrl: sandbox.url, redis: limiterRedis });
  queue = new Queue(queueNames.sync, { connection, prefix });
  rawDir = await mkdtemp(join(tmpdir(), 'shutdown-raw-'));
  env = {
    ...sandboxOAuthEnv(),
    FIREBASE_PROJECT_ID: projectId,
    TOKEN_ENCRYPTION_KEYS: keys,
    REDIS_PREFIX: prefix,
    ADS_SANDBOX_URL: sandbox.url,
    RAW_PAYLOAD_DIR: rawDir,
    WORKER_SHUTDOWN_TIMEOUT_MS: '4000',
    LOG_LEVEL: 'info',
  };
});

afterAll(async () => {
  for (const worker of started) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  limiterRedis?.disconnect();
  await sandbox?.close();
  if (rawDir) await rm(rawDir, { recursive: true, force: true });
});

async function startWorker(): Promise<WorkerProcess> {
  const worker = spawnWorker(env, await freePort());
  started.push(worker);
  await waitFor(() => isReady(worker), { timeoutMs: 60_000, what: 'the worker to be ready' });
  return worker;
}

describe('graceful shutdown', () => {
  it('releases a sync that cannot finish within the deadline; the next worker completes it', async () => {
    const integration = await linkThroughSandbox({
      db,
      vault,
      connector: connectors.tiktok,
      userId: uniqueId('shutdown-user'),
      login: sandboxLogins.ada,
    });
    const slow = await sandboxControl<{ id: string }>(sandbox.url, 'faults', {
      json: { kind: 'slow', provider: 'tiktok', path: 'report', delayMs: 2_000 },
    });
    const first = await startWorker();
    const { job } = await new SyncJobService({ db, syncQueue: queue }).enqueue(
      integration.userId,
      'tiktok',
      'initial-backfill',
      90,
    );
    await waitFor(async () => (await jobsRepo.get(integration.userId, job.id))?.status === 'running', {
      timeoutMs: 30_000,
      what: 'the job to start',
    });

    const stoppingAt = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - stoppingAt).toBeLessThan(4_000 + 1_000);
    expect(await jobsRepo.get(integration.userId, job.id)).toMatchObject({
      status: 'queued',
      claimedBy: null,
      attempts: 1,
    });
    const bullJob = await queue.getJob(job.id);
    expect(await bullJob?.getState()).toBe('waiting');
    expect(bullJob?.attemptsMade).toBe(0);

    await sandboxControl(sandbox.url, `faults/${slow.id}`, { method: 'DELETE' });
    const second = await startWorker();
    const done = await waitFor(
      async () => {
        const record = await jobsRepo.get(integration.userId, job.id);
        return record?.status === 'success' || record?.status === 'error' ? record : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the released job to finish' },
    );
    expect(done).toMatchObject({
      status: 'success',
      attempts: 2,
      claimedBy: expect.stringMatching(`:${second.pid}$`),
    });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
