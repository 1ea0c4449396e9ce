import { randomUUID } from 'node:crypto';
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
const cronKey = process.env.INTEGRATIONS_CRON_SECRET ?? '';
const tenants = ['tenant-a', 'tenant-b', 'tenant-c'];

beforeAll(async () => {
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
