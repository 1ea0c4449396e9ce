import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import * as startRoute from '../src/app/api/integrations/[slug]/oauth/start/route';
import { closeServices } from '../src/server/services';
import { appWithUsers } from './support/app-with-users';
import { locationOf, TestBrowser } from './support/browser';

const tiktokStart = (request: Request) =>
  startRoute.GET(request, { params: Promise.resolve({ slug: 'tiktok' }) });

// No platform app is configured in this file's environment (the vitest env sets none).
const web = appWithUsers({
  users: { user: 'user' },
  routes: [
    {
      path: '/api/integrations/tiktok/oauth/start',
      module: { GET: tiktokStart },
    },
  ],
  close: () => closeServices(),
});

describe('linking a platform the server has no OAuth app for', () => {
  it('answers 409 naming the variables to set, or sends a browser back with a reason', async () => {
    const api = await web.app.fetch('/api/integrations/tiktok/oauth/start', {
      token: web.user.idToken,
      headers: { accept: 'application/json' },
    });
    expect(api.status).toBe(409);
    expect((await api.json()).error.message).toBe(
      'TikTok Ads is not configured on this server: set TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET, TIKTOK_OAUTH_REDIRECT_URI',
    );

    const page = await new TestBrowser(web.app.url).get('/api/integrations/tiktok/oauth/start', {
      authorization: `Bearer ${web.user.idToken}`,
    });
    expect(await locationOf(page)).toBe('/?linkError=not-configured&provider=tiktok');

    const error = await web.app
      .trpcAs(web.user.idToken)
      .integrations.connectUrl.mutate({ providerId: 'tiktok' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ httpStatus: 409 });
  });
});
