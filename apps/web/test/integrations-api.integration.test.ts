import { queueNames, SyncJobsRepository } from '@cohorts/core';
import { createTestUser, testFirestore, testRedis } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { appWithUsers } from './support/app-with-users';
import { seedIntegration } from './support/seed';
import { expiredIdToken } from './support/tokens';
import { trpcError } from './support/trpc-error';

let redis: Redis;
let syncQueue: Queue;
const cronKey = process.env.INTEGRATIONS_CRON_SECRET ?? '';

const web = appWithUsers({
  users: { alice: 'user', bob: 'user', admin: 'admin' },
  seed: async ({ app, alice }) => {
    redis = testRedis();
    syncQueue = new Queue(queueNames.sync, { connection: redis, prefix: app.redisPrefix });
    await Promise.all([seedIntegration(alice.uid, 'google'), seedIntegration(alice.uid, 'tiktok')]);
  },
  close: async () => {
    await syncQueue.obliterate({ force: true });
    await syncQueue.close();
    redis.disconnect();
  },
});

describe('integrations.list and integrations.status', () => {
  it('lists every provider, linked or not, without tokens', async () => {
    const result = await web.app.trpcAs(web.alice.idToken).integrations.list.query();
    expect(result.userId).toBe(web.alice.uid);
    expect(result.viewerRole).toBe('user');
    expect((await web.app.trpcAs(web.admin.idToken).integrations.list.query()).viewerRole).toBe('admin');
    expect(result.providers.map((p) => [p.providerId, p.integration !== null])).toEqual([
      ['google', true],
      ['facebook', false],
      ['linkedin', false],
      ['tiktok', true],
    ]);
    expect(JSON.stringify(result)).not.toMatch(/"(accessToken|idToken|refreshToken)"/);
  });

  it('answers status over tRPC and GET /api/integrations/status alike', async () => {
    const viaTrpc = await web.app.trpcAs(web.alice.idToken).integrations.status.query();
    const viaRest = await web.app.fetch(`/api/integrations/status?userId=${web.alice.uid}`, {
      token: web.alice.idToken,
    });
    expect(viaRest.status).toBe(200);
    expect(await viaRest.json()).toEqual(viaTrpc);
    const google = viaTrpc.integrations.find((i) => i.providerId === 'google');
    expect(google).toMatchObject({
      linked: true,
      lastSyncStatus: 'success',
      lastSyncedAt: '2026-11-20T03:00:00.000Z',
    });
    expect(viaTrpc.integrations.find((i) => i.providerId === 'linkedin')).toMatchObject({
      linked: false,
      lastSyncStatus: 'never',
    });
  });

  it('401s a missing, malformed or expired token, in plain words', async () => {
    const missing = await web.app.fetch(`/api/integrations/status?userId=${web.alice.uid}`);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error).toMatchObject({ code: 'unauthenticated', message: /sign in first/ });

    const malformed = await web.app.fetch('/api/integrations/status', {
      headers: { authorization: 'Token abc' },
    });
    expect(malformed.status).toBe(401);

    const expired = await web.app.fetch('/api/integrations/status', { token: expiredIdToken(web.alice.uid) });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.message).toMatch(/expired/);

    for (const token of [null, expiredIdToken(web.alice.uid)]) {
      const error = await trpcError(web.app.trpcAs(token).integrations.status.query());
      expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
    }
  });

  it("403s another tenant's data, and lets an admin read it", async () => {
    const rest = await web.app.fetch(`/api/integrations/status?userId=${web.alice.uid}`, {
      token: web.bob.idToken,
    });
    expect(rest.status).toBe(403);
    expect((await rest.json()).error).toEqual({
      code: 'forbidden',
      message: "you can only act on your own account's data",
    });
    const error = await trpcError(
      web.app.trpcAs(web.bob.idToken).integrations.list.query({ userId: web.alice.uid }),
    );
    expect(error.data).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
    const asAdmin = await web.app
      .trpcAs(web.admin.idToken)
      .integrations.status.query({ userId: web.alice.uid });
    expect(asAdmin.userId).toBe(web.alice.uid);
  });

  it('takes the cron key only with a userId, and refuses a wrong key', async () => {
    const ok = await web.app.fetch(`/api/integrations/status?userId=${web.alice.uid}`, {
      headers: { 'x-cron-key': cronKey },
    });
    expect(ok.status).toBe(200);
    const noUser = await web.app.fetch('/api/integrations/status', { headers: { 'x-cron-key': cronKey } });
    expect(noUser.status).toBe(400);
    expect((await noUser.json()).error.message).toMatch(/^userId: name the user/);
    const wrong = await web.app.fetch(`/api/integrations/status?userId=${web.alice.uid}`, {
      headers: { 'x-cron-key': 'not-the-secret-at-all' },
    });
    expect(wrong.status).toBe(401);
  });

  it('400s a malformed query, naming the field', async () => {
    const response = await web.app.fetch('/api/integrations/status?userId=', { token: web.alice.idToken });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'bad_request', message: 'userId: must not be empty', problems: [{ field: 'userId' }] },
    });
  });
});

describe('integrations.manualSync and POST /api/integrations/manual-sync', () => {
  it('enqueues a manual sync: the Firestore record and the BullMQ job under one id', async () => {
    const result = await web.app
      .trpcAs(web.alice.idToken)
      .integrations.manualSync.mutate({ providerId: 'google' });
    expect(result).toMatchObject({ created: true, inQueue: true });
    expect(result.job).toMatchObject({
      providerId: 'google',
      jobType: 'manual-sync',
      status: 'queued',
      timeframeDays: 8,
    });
    const stored = await new SyncJobsRepository(testFirestore()).get(web.alice.uid, result.job.id);
    expect(stored?.status).toBe('queued');
    const queued = await syncQueue.getJob(result.job.id);
    expect(queued?.data).toEqual({ userId: web.alice.uid, providerId: 'google', jobId: result.job.id });

    // A second request while that one is live gets the same job back (one live job per integration).
    const again = await web.app.postJson(
      '/api/integrations/manual-sync',
      { providerId: 'google' },
      { token: web.alice.idToken },
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, job: { id: result.job.id } });
  });

  it('400s each malformed body with the field and the problem', async () => {
    const post = (body: string, contentType = 'application/json') =>
      web.app.fetch('/api/integrations/manual-sync', {
        method: 'POST',
        token: web.alice.idToken,
        headers: { 'content-type': contentType },
        body,
      });
    const cases: [string, RegExp][] = [
      ['{}', /^providerId: must be one of google, facebook, linkedin, tiktok$/],
      ['{"providerId":"meta"}', /^providerId: must be one of/],
      ['{"providerId":"google","userId":42}', /^userId: must be a user id/],
      ['{"providerId":', /^body: is not valid JSON$/],
      ['[]', /^body: /],
    ];
    for (const [body, message] of cases) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      expect((await response.json()).error.message, body).toMatch(message);
    }
    const form = await post('providerId=google', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    const error = await trpcError(
      // @ts-expect-error: a provider id that does not exist
      web.app.trpcAs(web.alice.idToken).integrations.manualSync.mutate({ providerId: 'myspace' }),
    );
    expect(error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(error.message).toBe('providerId: must be one of google, facebook, linkedin, tiktok');
  });

  it('404s a provider that is not linked, 403s another tenant, 409s one that needs reconnecting', async () => {
    const notLinked = await trpcError(
      web.app.trpcAs(web.alice.idToken).integrations.manualSync.mutate({ providerId: 'linkedin' }),
    );
    expect(notLinked.data).toMatchObject({ httpStatus: 404 });
    expect(notLinked.message).toBe('no linkedin integration is linked for this user');
    const crossTenant = await trpcError(
      web.app
        .trpcAs(web.bob.idToken)
        .integrations.manualSync.mutate({ providerId: 'google', userId: web.alice.uid }),
    );
    expect(crossTenant.data).toMatchObject({ httpStatus: 403 });
    await seedIntegration(web.bob.uid, 'facebook', { reconnectRequired: true });
    const reconnect = await trpcError(
      web.app.trpcAs(web.bob.idToken).integrations.manualSync.mutate({ providerId: 'facebook' }),
    );
    expect(reconnect.data).toMatchObject({ httpStatus: 409 });
    expect(reconnect.message).toMatch(/reconnect facebook first/);
  });

  it('lets the cron key run a manual sync for a named user', async () => {
    const response = await web.app.fetch('/api/integrations/manual-sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cron-key': cronKey },
      body: JSON.stringify({ providerId: 'tiktok', userId: web.alice.uid }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ created: true, job: { providerId: 'tiktok' } });
  });
});

describe('integrations.updateAutomation', () => {
  it('is for admins: a user reads the settings but cannot change them', async () => {
    const refused = await trpcError(
      web.app
        .trpcAs(web.alice.idToken)
        .integrations.updateAutomation.mutate({ providerId: 'tiktok', autoSyncEnabled: false }),
    );
    expect(refused.data).toMatchObject({ httpStatus: 403 });
    expect(refused.message).toBe('this needs an admin account');
    const anonymous = await trpcError(
      web.app
        .trpcAs(null)
        .integrations.updateAutomation.mutate({ providerId: 'tiktok', autoSyncEnabled: false }),
    );
    expect(anonymous.data).toMatchObject({ httpStatus: 401 });
    const list = await web.app.trpcAs(web.alice.idToken).integrations.list.query();
    expect(list.providers.find((p) => p.providerId === 'tiktok')?.integration?.autoSyncEnabled).not.toBe(
      false,
    );
  });

  it('updates the controls within bounds and reschedules', async () => {
    const client = web.app.trpcAs(web.admin.idToken);
    const off = await client.integrations.updateAutomation.mutate({
      providerId: 'tiktok',
      userId: web.alice.uid,
      autoSyncEnabled: false,
    });
    expect(off).toMatchObject({ autoSyncEnabled: false, nextSyncDueAt: null, syncFrequencyMinutes: 1440 });
    const on = await client.integrations.updateAutomation.mutate({
      providerId: 'tiktok',
      userId: web.alice.uid,
      autoSyncEnabled: true,
      syncFrequencyMinutes: 360,
      scheduledTimeframeDays: 14,
    });
    expect(on).toMatchObject({
      autoSyncEnabled: true,
      syncFrequencyMinutes: 360,
      scheduledTimeframeDays: 14,
    });
    expect(on.nextSyncDueAt).not.toBeNull();
  });

  it('refuses values out of bounds and empty changes, naming the field', async () => {
    const client = web.app.trpcAs(web.admin.idToken);
    const tooOften = await trpcError(
      client.integrations.updateAutomation.mutate({ providerId: 'tiktok', syncFrequencyMinutes: 5 }),
    );
    expect(tooOften.message).toBe('syncFrequencyMinutes: must be at least 60 minutes');
    const tooLong = await trpcError(
      client.integrations.updateAutomation.mutate({ providerId: 'tiktok', scheduledTimeframeDays: 365 }),
    );
    expect(tooLong.message).toBe('scheduledTimeframeDays: must be at most 90 days');
    const nothing = await trpcError(client.integrations.updateAutomation.mutate({ providerId: 'tiktok' }));
    expect(nothing.message).toMatch(/change at least one of/);
    expect(tooOften.data).toMatchObject({ httpStatus: 400, problems: [{ field: 'syncFrequencyMinutes' }] });
    expect(JSON.stringify(tooOften.data)).not.toMatch(/stack|at .*\.ts/);
  });
});

describe('jobs.history', () => {
  it('pages through every job newest first, and names a bad cursor', async () => {
    const client = web.app.trpcAs(web.alice.idToken);
    const all = (await client.jobs.recent.query({ limit: 100 })).jobs.map((job) => job.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < all.length + 1; page += 1) {
      const result: { jobs: { id: string }[]; nextCursor: string | null } = await client.jobs.history.query({
        limit: 1,
        cursor,
      });
      paged.push(...result.jobs.map((job) => job.id));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(paged).toEqual(all);
    const google = await client.jobs.history.query({ providerId: 'google' });
    expect(google.jobs.every((job) => job.providerId === 'google')).toBe(true);
    expect(google.jobs[0]).toHaveProperty('attempts');

    const bad = await trpcError(client.jobs.history.query({ cursor: 'no-such-job' }));
    expect(bad.data).toMatchObject({ httpStatus: 400 });
    expect(bad.message).toMatch(/^cursor: names no job of this user/);
    // Another user's job id is no cursor into this user's history.
    const bobs = await trpcError(
      web.app.trpcAs(web.bob.idToken).jobs.history.query({ cursor: all[0] ?? '' }),
    );
    expect(bobs.data).toMatchObject({ httpStatus: 400 });
  });
});

describe('jobs.recent', () => {
  it("lists the caller's jobs newest first, and only theirs", async () => {
    const jobs = await web.app.trpcAs(web.alice.idToken).jobs.recent.query({ limit: 10 });
    expect(jobs.jobs.length).toBeGreaterThanOrEqual(2);
    expect(jobs.jobs.every((job) => ['google', 'tiktok'].includes(job.providerId))).toBe(true);
    const createdAt = jobs.jobs.map((job) => job.createdAt);
    expect(createdAt).toEqual([...createdAt].sort().reverse());
    const onlyGoogle = await web.app.trpcAs(web.alice.idToken).jobs.recent.query({ providerId: 'google' });
    expect(onlyGoogle.jobs.every((job) => job.providerId === 'google')).toBe(true);
    expect((await web.app.trpcAs(web.bob.idToken).jobs.recent.query()).jobs).toEqual([]);
    const tooMany = await trpcError(web.app.trpcAs(web.alice.idToken).jobs.recent.query({ limit: 1000 }));
    expect(tooMany.message).toBe('limit: must be at most 100');
  });
});

describe('our own failures', () => {
  it('answer 500 with a plain message: no stack, no internals', async () => {
    const carol = await createTestUser();
    // A drifted document (not the contract's shape) makes the read fail on our side.
    await testFirestore()
      .doc(`users/${carol.uid}/adIntegrations/google`)
      .set({ providerId: 'google', scopes: 'oops' });
    const rest = await web.app.fetch('/api/integrations/status', { token: carol.idToken });
    expect(rest.status).toBe(500);
    expect(await rest.json()).toEqual({
      error: { code: 'internal_error', message: 'something went wrong on our side; try again shortly' },
    });
    const error = await trpcError(web.app.trpcAs(carol.idToken).integrations.list.query());
    expect(error.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 });
    expect(error.message).toBe('something went wrong on our side; try again shortly');
    expect(JSON.stringify(error.data)).not.toMatch(/stack|\.ts:\d+|scopes/);
  });
});
