import { describe, expect, it } from 'vitest';
import { appWithUsers } from './support/app-with-users';
import { expiredIdToken } from './support/tokens';

/**
 * Every route and procedure, refused the same way: 401 without a credential or with a malformed or
 * expired one, 403 when a user reaches into another user's data.
 */
const web = appWithUsers({
  users: { alice: 'user', bob: 'user' },
});

const range = 'from=2026-11-01&to=2026-11-07';
const trpcInput = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

/** [label, method, path (with `{uid}` for the user acted on), JSON body or null] */
const endpoints: [string, 'GET' | 'POST', string, unknown][] = [
  ['GET /api/integrations/status', 'GET', '/api/integrations/status?userId={uid}', null],
  [
    'POST /api/integrations/manual-sync',
    'POST',
    '/api/integrations/manual-sync',
    { providerId: 'google', userId: '{uid}' },
  ],
  ['POST /api/integrations/schedule', 'POST', '/api/integrations/schedule', { userId: '{uid}' }],
  ['GET /api/metrics', 'GET', `/api/metrics?${range}&userId={uid}`, null],
  ['GET /api/analytics/insights', 'GET', `/api/analytics/insights?${range}&userId={uid}`, null],
  ['integrations.list', 'GET', `/api/trpc/integrations.list?${trpcInput({ userId: '{uid}' })}`, null],
  ['integrations.status', 'GET', `/api/trpc/integrations.status?${trpcInput({ userId: '{uid}' })}`, null],
  [
    'integrations.manualSync',
    'POST',
    '/api/trpc/integrations.manualSync',
    { providerId: 'google', userId: '{uid}' },
  ],
  // integrations.updateAutomation is for admins only: integrations-api.integration.test.ts checks it.
  ['jobs.recent', 'GET', `/api/trpc/jobs.recent?${trpcInput({ userId: '{uid}' })}`, null],
  ['jobs.history', 'GET', `/api/trpc/jobs.history?${trpcInput({ userId: '{uid}' })}`, null],
  [
    'metrics.daily',
    'GET',
    `/api/trpc/metrics.daily?${trpcInput({ from: '2026-11-01', to: '2026-11-07', userId: '{uid}' })}`,
    null,
  ],
  [
    'analytics.insights',
    'GET',
    `/api/trpc/analytics.insights?${trpcInput({ from: '2026-11-01', to: '2026-11-07', userId: '{uid}' })}`,
    null,
  ],
];

function call(method: string, path: string, body: unknown, uid: string, headers: Record<string, string>) {
  const withUid = (text: string) =>
    text.replaceAll('{uid}', uid).replaceAll(encodeURIComponent('{uid}'), uid);
  return web.app.fetch(withUid(path), {
    method,
    headers: body === null ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === null ? undefined : withUid(JSON.stringify(body)),
  });
}

describe.each(endpoints)('%s', (_label, method, path, body) => {
  it('401s a missing, malformed and expired token', async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer a.b' },
      { authorization: `Bearer ${expiredIdToken(web.alice.uid)}` },
    ];
    for (const headers of cases) {
      const response = await call(method, path, body, web.alice.uid, headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      const text = await response.text();
      expect(text).toMatch(/sign in|Bearer <Firebase ID token>|expired/);
      expect(text).not.toMatch(/at .+\.(ts|js):\d+/);
    }
  });

  it("403s another user's data", async () => {
    const response = await call(method, path, body, web.alice.uid, {
      authorization: `Bearer ${web.bob.idToken}`,
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("you can only act on your own account's data");
  });
});
