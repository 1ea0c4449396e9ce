import { createTestUser, type TestUser, waitFor } from '@cohorts/test-harness';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import * as startRoute from '../src/app/api/integrations/[slug]/oauth/start/route';
import { appWithUsers } from './support/app-with-users';
import { seedIntegration } from './support/seed';

/**
 * Per-user limits (issue 12, finding 9): a 429 with Retry-After and a message saying when to retry.
 * (Live job streams: `job-stream-slots.integration.test.ts`.)
 * Small limits for this file (read once, when the app first reads its environment).
 */
Object.assign(process.env, {
  MANUAL_SYNC_COOLDOWN_SECONDS: '2',
  LINK_STARTS_PER_MINUTE: '3',
});

/** The `[slug]` start route as Next mounts it for Google. */
const startGoogle = (request: Request) =>
  startRoute.GET(request, { params: Promise.resolve({ slug: 'google' }) });

const web = appWithUsers({
  users: { alice: 'user', bob: 'user' },
  routes: [{ path: '/api/integrations/google/oauth/start', module: { GET: startGoogle } }],
  seed: async ({ alice, bob }) => {
    await Promise.all([
      seedIntegration(alice.uid, 'google'),
      seedIntegration(alice.uid, 'tiktok'),
      seedIntegration(bob.uid, 'google'),
    ]);
  },
});

function restManualSync(user: TestUser, providerId: string) {
  return web.app.postJson('/api/integrations/manual-sync', { providerId }, { token: user.idToken });
}

describe('manual sync cooldown (MANUAL_SYNC_COOLDOWN_SECONDS)', () => {
  it('starts one sync per integration per cooldown: 429 with Retry-After, then allowed again', async () => {
    const first = await web.app
      .trpcAs(web.alice.idToken)
      .integrations.manualSync.mutate({ providerId: 'google' });
    expect(first.created).toBe(true);
    // While that job is live, pressing again returns it (no new sync, so no cooldown spent).
    const whileLive = await restManualSync(web.alice, 'google');
    expect(await whileLive.json()).toMatchObject({ created: false, job: { id: first.job.id } });

    // The sync ended (the worker clears the live job): a new one within the cooldown is refused.
    await seedIntegration(web.alice.uid, 'google');
    const refused = await restManualSync(web.alice, 'google');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect((await refused.json()).error).toEqual({
      code: 'too_many_requests',
      message: `google was synced on request less than 2 s ago: try again in ${retryAfter} s`,
    });

    // The same through tRPC: TOO_MANY_REQUESTS (429) and the header.
    const viaTrpc = await web.app.postJson(
      '/api/trpc/integrations.manualSync',
      { providerId: 'google' },
      { token: web.alice.idToken },
    );
    expect(viaTrpc.status).toBe(429);
    expect(viaTrpc.headers.get('retry-after')).toMatch(/^[12]$/);
    expect((await viaTrpc.json()).error).toMatchObject({
      message: expect.stringMatching(/^google was synced on request less than 2 s ago: try again in [12] s$/),
      data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 },
    });

    // Per integration and per user: Alice's TikTok and Bob's Google are not held back.
    expect((await restManualSync(web.alice, 'tiktok')).status).toBe(200);
    expect((await restManualSync(web.bob, 'google')).status).toBe(200);

    // Once the cooldown has passed, Alice's Google starts again.
    await waitFor(async () => (await restManualSync(web.alice, 'google')).status === 200, {
      what: 'the cooldown to pass',
      timeoutMs: 5_000,
      intervalMs: 250,
    });
  });
});

describe('link starts (LINK_STARTS_PER_MINUTE)', () => {
  it('429s the start after the limit, through connectUrl and the start route alike', async () => {
    const user = await createTestUser();
    const client = web.app.trpcAs(user.idToken);
    // No platform app is configured in this file (409), but each start counts all the same.
    for (let i = 0; i < 3; i += 1) {
      const error = await client.integrations.connectUrl
        .mutate({ providerId: 'google' })
        .catch((e: unknown) => e);
      expect((error as TRPCClientError<never>).data).toMatchObject({ httpStatus: 409 });
    }
    const refused = await client.integrations.connectUrl
      .mutate({ providerId: 'google' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<never>).data).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      httpStatus: 429,
    });
    expect((refused as Error).message).toMatch(
      /^at most 3 platform links may be started a minute: try again in \d+ s$/,
    );

    const viaRoute = await web.app.fetch('/api/integrations/google/oauth/start', { token: user.idToken });
    expect(viaRoute.status).toBe(429);
    expect(Number(viaRoute.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await viaRoute.json()).error.code).toBe('too_many_requests');
    // A browser gets the dashboard with a fixed sentence instead of JSON.
    const page = await web.app.fetch('/api/integrations/google/oauth/start', {
      token: user.idToken,
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/?linkError=too-many-starts&provider=google');

    // Another user is not held back.
    const other = await web.app
      .trpcAs(web.bob.idToken)
      .integrations.connectUrl.mutate({ providerId: 'google' })
      .catch((e: unknown) => e);
    expect((other as TRPCClientError<never>).data).toMatchObject({ httpStatus: 409 });
  });
});
