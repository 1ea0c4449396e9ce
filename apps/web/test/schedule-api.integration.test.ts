import { SyncJobsRepository } from '@cohorts/core';
import { testFirestore } from '@cohorts/test-harness';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { appWithUsers } from './support/app-with-users';
import { seedIntegration } from './support/seed';

const cronKey = process.env.INTEGRATIONS_CRON_SECRET ?? '';

const web = appWithUsers({
  users: { alice: 'user', bob: 'user', admin: 'admin' },
  seed: async ({ alice, bob }) => {
    await Promise.all([
      // Due: last synced days ago on a daily cadence.
      seedIntegration(alice.uid, 'google', { syncFrequencyMinutes: 1440 }),
      // Auto-sync off: skipped.
      seedIntegration(alice.uid, 'tiktok', { autoSyncEnabled: false }),
      seedIntegration(bob.uid, 'linkedin', { syncFrequencyMinutes: 1440 }),
    ]);
  },
});

function postSchedule(body: unknown, headers: Record<string, string>) {
  return web.app.fetch('/api/integrations/schedule', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('POST /api/integrations/schedule', () => {
  it('lets a user schedule themselves: due integrations get a scheduled sync', async () => {
    const response = await postSchedule({}, { authorization: `Bearer ${web.alice.idToken}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      target: 'user',
      userId: web.alice.uid,
      examined: 2,
      enqueued: 1,
      skipped: { 'auto-sync-off': 1 },
      errors: 0,
    });
    const jobs = await new SyncJobsRepository(testFirestore()).listRecent(web.alice.uid);
    expect(jobs.map((job) => [job.providerId, job.jobType, job.status])).toEqual([
      ['google', 'scheduled-sync', 'queued'],
    ]);
    // Run again: the live job is respected (one live job per integration).
    const again = await postSchedule(
      { userId: web.alice.uid },
      { authorization: `Bearer ${web.alice.idToken}` },
    );
    expect(await again.json()).toMatchObject({ enqueued: 0, skipped: { 'live-job': 1 } });
  });

  it('403s a user scheduling someone else or everyone', async () => {
    const other = await postSchedule(
      { userId: web.bob.uid },
      { authorization: `Bearer ${web.alice.idToken}` },
    );
    expect(other.status).toBe(403);
    const everyone = await postSchedule({ allUsers: true }, { authorization: `Bearer ${web.alice.idToken}` });
    expect(everyone.status).toBe(403);
    expect((await everyone.json()).error.message).toBe('only an admin or the cron key can act on every user');
  });

  it('403s a user passing force or failureThresholdOverride, naming the field, and schedules nothing', async () => {
    const before = await new SyncJobsRepository(testFirestore()).listRecent(web.bob.uid);
    const cases: [unknown, string][] = [
      [{ force: true }, 'force'],
      [{ force: false }, 'force'],
      [{ failureThresholdOverride: 1 }, 'failureThresholdOverride'],
      [{ userId: web.bob.uid, failureThresholdOverride: 1000 }, 'failureThresholdOverride'],
    ];
    for (const [body, field] of cases) {
      const response = await postSchedule(body, { authorization: `Bearer ${web.bob.idToken}` });
      expect(response.status, JSON.stringify(body)).toBe(403);
      expect((await response.json()).error).toEqual({
        code: 'forbidden',
        message: `${field}: only an admin or the cron key may set this`,
      });
    }
    expect(await new SyncJobsRepository(testFirestore()).listRecent(web.bob.uid)).toEqual(before);
    // Admins and the cron key may: the cron case is below, the admin one here.
    const asAdmin = await postSchedule(
      { userId: web.bob.uid, failureThresholdOverride: 1000 },
      { authorization: `Bearer ${web.admin.idToken}` },
    );
    expect(asAdmin.status).toBe(200);
  });

  it('takes the cron key with a named user, 400s it without one, 401s a wrong key', async () => {
    const named = await postSchedule({ userId: web.bob.uid, force: true }, { 'x-cron-key': cronKey });
    expect(named.status).toBe(200);
    expect(await named.json()).toMatchObject({
      target: 'user',
      userId: web.bob.uid,
      force: true,
      enqueued: 1,
    });

    const unnamed = await postSchedule({ force: true }, { 'x-cron-key': cronKey });
    expect(unnamed.status).toBe(400);
    expect((await unnamed.json()).error).toMatchObject({
      code: 'bad_request',
      message: 'userId: name the user with "userId", or send "allUsers": true to act on every user',
      problems: [{ field: 'userId' }],
    });

    const wrong = await postSchedule({ userId: web.bob.uid }, { 'x-cron-key': 'wrong-key-wrong-key' });
    expect(wrong.status).toBe(401);
    const missing = await postSchedule({ userId: web.bob.uid }, {});
    expect(missing.status).toBe(401);
  });

  it('400s each malformed body, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ userId: web.bob.uid, force: 'yes' }, 'force: must be true or false'],
      [{ userId: web.bob.uid, failureThresholdOverride: 0 }, 'failureThresholdOverride: must be at least 1'],
      [
        { userId: web.bob.uid, failureThresholdOverride: 2.5 },
        'failureThresholdOverride: must be a whole number of failed runs',
      ],
      [{ allUsers: 'true' }, 'allUsers: must be true or false'],
      [{ userId: web.bob.uid, allUsers: true }, 'allUsers: send either userId or allUsers: true, not both'],
      [{ userId: '' }, 'userId: must not be empty'],
    ];
    for (const [body, message] of cases) {
      const response = await postSchedule(body, { 'x-cron-key': cronKey });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.message, JSON.stringify(body)).toBe(message);
    }
  });
});

describe('admin.schedule', () => {
  it('runs for admins, with force replacing nothing that is running', async () => {
    const result = await web.app
      .trpcAs(web.admin.idToken)
      .admin.schedule.mutate({ userId: web.alice.uid, force: true });
    expect(result).toMatchObject({ target: 'user', userId: web.alice.uid, force: true, examined: 2 });
  });

  it('403s signed-in non-admins and 401s anonymous callers', async () => {
    const asUser = await web.app
      .trpcAs(web.alice.idToken)
      .admin.schedule.mutate({ userId: web.alice.uid })
      .catch((e: unknown) => e);
    expect(asUser).toBeInstanceOf(TRPCClientError);
    expect((asUser as TRPCClientError<never>).data).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
    expect((asUser as TRPCClientError<never>).message).toBe('this needs an admin account or the cron key');
    const anonymous = await web.app
      .trpcAs(null)
      .admin.schedule.mutate({ userId: web.alice.uid })
      .catch((e: unknown) => e);
    expect((anonymous as TRPCClientError<never>).data).toMatchObject({ httpStatus: 401 });
  });
});
