import { SyncJobService, SyncJobsRepository } from '@cohorts/core';
import { freePort, uniqueId, waitFor } from '@cohorts/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eEnvironment, startE2eEnvironment } from './support/e2e-environment';
import { isReady, spawnWorker, type WorkerProcess } from './support/worker-process';

let e2e: E2eEnvironment;
let worker: WorkerProcess;

beforeAll(async () => {
  e2e = await startE2eEnvironment('metrics');
  worker = spawnWorker({ ...e2e.workerEnv, LOG_LEVEL: 'warn', WORKER_ROLES: 'sync' }, await freePort());
  await waitFor(() => isReady(worker), { timeoutMs: 60_000, what: 'the worker to be ready' });
}, 90_000);

afterAll(async () => {
  if (worker?.child.exitCode === null) worker.child.kill('SIGKILL');
  await e2e?.close();
});

async function scrape(): Promise<{ contentType: string | null; text: string }> {
  const response = await fetch(`http://127.0.0.1:${worker.port}/metrics`);
  expect(response.status).toBe(200);
  return { contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one series in the Prometheus text format, or undefined when it is absent. */
function seriesValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('worker metrics (Prometheus, /metrics on the health port)', () => {
  it('counts a sync run against the sandbox: job, duration, platform requests, limiter waits, queue depth', async () => {
    const userId = uniqueId('metrics');
    await e2e.link(userId, 'google');
    const before = await scrape();
    expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      seriesValue(before.text, 'cohorts_sync_jobs_total{platform="google",status="success"}'),
    ).toBeUndefined();

    const service = new SyncJobService({ db: e2e.db, syncQueue: e2e.queue, clock: e2e.clock });
    const { job } = await service.enqueue(userId, 'google', 'initial-backfill', 3);
    const jobs = new SyncJobsRepository(e2e.db);
    await waitFor(async () => (await jobs.get(userId, job.id))?.status === 'success', {
      timeoutMs: 60_000,
      what: 'the sync to succeed',
    });
    // BullMQ's `completed` event follows the Firestore write: poll until the worker has counted it.
    const { text } = await waitFor(
      async () => {
        const scraped = await scrape();
        return seriesValue(scraped.text, 'cohorts_sync_jobs_total{platform="google",status="success"}') === 1
          ? scraped
          : undefined;
      },
      { timeoutMs: 10_000, what: 'the job to be counted' },
    );

    expect(
      seriesValue(text, 'cohorts_sync_job_duration_seconds_count{platform="google",status="success"}'),
    ).toBe(1);
    expect(
      seriesValue(text, 'cohorts_sync_last_success_timestamp_seconds{platform="google"}'),
    ).toBeGreaterThan(0);
    expect(
      seriesValue(text, 'cohorts_provider_requests_total{platform="google",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(seriesValue(text, 'cohorts_provider_rate_limit_wait_seconds_count{platform="google"}')).toBe(
      seriesValue(text, 'cohorts_provider_requests_total{platform="google",outcome="ok"}'),
    );
    expect(seriesValue(text, 'cohorts_queue_jobs{queue="ads-sync",state="wait"}')).toBe(0);
    expect(seriesValue(text, 'cohorts_queue_jobs{queue="ads-sync",state="active"}')).toBe(0);
    expect(seriesValue(text, 'cohorts_queue_oldest_waiting_seconds{queue="ads-sync"}')).toBe(0);
    expect(text).toContain('# TYPE cohorts_provider_limiter_rejections_total counter');
    // Platform, status, queue and reason only: no user, job or credential ids, no tokens.
    expect(text).not.toContain(userId);
    expect(text).not.toContain(job.id);
  }, 120_000);
});
