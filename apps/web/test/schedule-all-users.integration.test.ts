import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SyncJobsRepository } from '@cohorts/core';
import { testFirestore } from '@cohorts/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { seedIntegration } from './support/seed';

// A Firestore project of its own: the all-users fan-out reads every tenant of the project, and this
// test must neither see nor touch other test files' tenants in the shared emulator.
process.env.FIREBASE_PROJECT_ID = `demo-web-fanout-${randomUUID().slice(0, 8)}`;
process.env.GCLOUD_PROJECT = process.env.FIREBASE_PROJECT_ID;

let app: TestApp;
let receiver: Server;
const alerts: {
  status: string;
  kind: string;
  where: { userId?: string };
  details: Record<string, number>;
}[] = [];
const cronKey = process.env.INTEGRATIONS_CRON_SECRET ?? '';
const tenants = ['tenant-a', 'tenant-b', 'tenant-c'];

beforeAll(async () => {
  // The alert webhook: a real HTTP endpoint that records what it is sent.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      alerts.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  process.env.SCHEDULER_ALERT_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
  app = await startTestApp();
  await Promise.all([
    ...tenants.map((userId) => seedIntegration(userId, 'google', { syncFrequencyMinutes: 60 })),
    // Not due yet: a regular run leaves it alone, a forced run takes it.
    seedIntegration('tenant-c', 'facebook', {
      lastSyncedAt: new Date(),
      syncFrequencyMinutes: 1440,
      nextSyncDueAt: new Date(Date.now() + 86_400_000),
    }),
  ]);
});

afterAll(async () => {
  await app.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('POST /api/integrations/schedule {allUsers: true}', () => {
  it('fans out over every tenant that is due, with the cron key', async () => {
    const response = await app.fetch('/api/integrations/schedule', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cron-key': cronKey },
      body: JSON.stringify({ allUsers: true }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      target: 'all-users',
      userId: null,
      examined: 3,
      enqueued: 3,
      errors: 0,
    });
    const jobs = new SyncJobsRepository(testFirestore());
    for (const userId of tenants) {
      const [job] = await jobs.listRecent(userId, 5, 'google');
      expect(job, userId).toMatchObject({ jobType: 'scheduled-sync', status: 'queued' });
    }
    expect(await jobs.listRecent('tenant-c', 5, 'facebook')).toEqual([]);
  });

  it('with force, also takes integrations that are not due', async () => {
    const response = await app.fetch('/api/integrations/schedule', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cron-key': cronKey },
      body: JSON.stringify({ allUsers: true, force: true }),
    });
    const summary = await response.json();
    expect(summary).toMatchObject({ examined: 4, force: true });
    const [facebook] = await new SyncJobsRepository(testFirestore()).listRecent('tenant-c', 5, 'facebook');
    expect(facebook).toMatchObject({ jobType: 'scheduled-sync', status: 'queued' });
  });
});

describe('failureThresholdOverride', () => {
  it('alerts at the overridden threshold of consecutive failed syncs', async () => {
    const userId = 'tenant-failing';
    await seedIntegration(userId, 'tiktok', { autoSyncEnabled: false });
    const jobs = new SyncJobsRepository(testFirestore());
    for (let run = 0; run < 2; run += 1) {
      const { job } = await jobs.createUnlessLive(
        userId,
        { providerId: 'tiktok', jobType: 'scheduled-sync', timeframeDays: 8 },
        { now: new Date(Date.now() + run) },
      );
      await jobs.claim(userId, job.id, { workerId: 'w', now: new Date(), leaseMs: 60_000 });
      await jobs.fail(userId, job.id, 'w', new Date(), 'the platform said no');
    }
    await seedIntegration(userId, 'tiktok', { autoSyncEnabled: false, lastSyncStatus: 'error' });
    const schedule = (body: object) =>
      app.fetch('/api/integrations/schedule', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cron-key': cronKey },
        body: JSON.stringify({ userId, ...body }),
      });

    // Two failures are under the default threshold (3): no alert. Delivery happens within the request.
    expect((await schedule({})).status).toBe(200);
    expect(alerts).toEqual([]);

    expect((await schedule({ failureThresholdOverride: 2 })).status).toBe(200);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      status: 'triggered',
      kind: 'integration-failures',
      where: { userId, providerId: 'tiktok' },
      details: { consecutiveFailures: 2, threshold: 2 },
    });

    // De-duplicated: the same incident does not alert twice.
    await schedule({ failureThresholdOverride: 2 });
    expect(alerts).toHaveLength(1);
  });
});
