import { createTestUser, type TestUser } from '@cohorts/test-harness';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as startRoute from '../src/app/api/integrations/[slug]/oauth/start/route';
import { closeLinkingServices } from '../src/server/linking/services';
import { startTestApp, type TestApp } from './support/app';
import { locationOf, TestBrowser } from './support/browser';

const tiktokStart = (request: Request) =>
  startRoute.GET(request, { params: Promise.resolve({ slug: 'tiktok' }) });

let app: TestApp;
let user: TestUser;

beforeAll(async () => {
  // No platform app is configured in this file's environment (the vitest env sets none).
  app = await startTestApp([
    {
      path: '/api/integrations/tiktok/oauth/start',
      module: { GET: tiktokStart },
    },
  ]);
  user = await createTestUser();
});

afterAll(async () => {
  await app?.close();
  await closeLinkingServices();
});

describe('linking a platform the server has no OAuth app for', () => {
  it('answers 409 naming the variables to set, or sends a browser back with a reason', async () => {
    const api = await app.fetch('/api/integrations/tiktok/oauth/start', {
      token: user.idToken,
      headers: { accept: 'application/json' },
    });
    expect(api.status).toBe(409);
    expect((await api.json()).error.message).toBe(
      'TikTok Ads is not configured on this server: set TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET, TIKTOK_OAUTH_REDIRECT_URI',
    );

    const page = await new TestBrowser(app.url).get('/api/integrations/tiktok/oauth/start', {
      authorization: `Bearer ${user.idToken}`,
    });
    expect(await locationOf(page)).toBe('/?linkError=not-configured&provider=tiktok');

    const error = await app
      .trpcAs(user.idToken)
      .integrations.connectUrl.mutate({ providerId: 'tiktok' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ httpStatus: 409 });
  });
});
