import { SyncJobService, SyncJobsRepository } from '@cohorts/core';
import { sandboxControl } from '@cohorts/sandbox';
import { linkThroughSandbox, sandboxLogins } from '@cohorts/sync/testing';
import { freePort, uniqueId, waitFor } from '@cohorts/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eEnvironment, startE2eEnvironment } from './support/e2e-environment';
import { isReady, spawnWorker, type WorkerProcess } from './support/worker-process';

let e2e: E2eEnvironment;
let db: E2eEnvironment['db'];
let vault: E2eEnvironment['vault'];
let sandbox: E2eEnvironment['sandbox'];
let connectors: E2eEnvironment['connectors'];
let queue: E2eEnvironment['queue'];
let jobsRepo: SyncJobsRepository;
let env: Record<string, string>;
const started: WorkerProcess[] = [];

beforeAll(async () => {
  e2e = await startE2eEnvironment('shutdown');
  ({ db, vault, sandbox, connectors, queue } = e2e);
  jobsRepo = new SyncJobsRepository(db);
  env = { ...e2e.workerEnv, WORKER_SHUTDOWN_TIMEOUT_MS: '4000' };
});

afterAll(async () => {
  for (const worker of started) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await e2e?.close();
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
