import { testRedis, uniqueRedisPrefix } from '@cohorts/test-harness';
import { createTRPCClient, httpLink } from '@trpc/client';
import * as analyticsInsights from '../../src/app/api/analytics/insights/route';
import * as manualSync from '../../src/app/api/integrations/manual-sync/route';
import * as scheduleRoute from '../../src/app/api/integrations/schedule/route';
import * as integrationStatus from '../../src/app/api/integrations/status/route';
import * as metrics from '../../src/app/api/metrics/route';
import * as session from '../../src/app/api/session/route';
import * as trpc from '../../src/app/api/trpc/[trpc]/route';
import { closeServices } from '../../src/server/services';
import type { AppRouter } from '../../src/server/trpc/app-router';
import { type MountedRoute, startTestServer, type TestServer } from './http-server';

const appRoutes: MountedRoute[] = [
  { path: '/api/trpc/*', module: trpc },
  { path: '/api/session', module: session },
  { path: '/api/integrations/status', module: integrationStatus },
  { path: '/api/integrations/manual-sync', module: manualSync },
  { path: '/api/integrations/schedule', module: scheduleRoute },
  { path: '/api/metrics', module: metrics },
  { path: '/api/analytics/insights', module: analyticsInsights },
];

export interface TestApp extends TestServer {
  /** The BullMQ prefix this file's app uses (its own, so files never see each other's jobs). */
  redisPrefix: string;
  trpcAs(
    idToken: string | null,
    extraHeaders?: Record<string, string>,
  ): ReturnType<typeof createTRPCClient<AppRouter>>;
  fetch(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /** POSTs `body` as JSON, as a token's holder when `token` is given. */
  postJson(path: string, body: unknown, init?: { token?: string }): Promise<Response>;
}

/** Starts the app's routes on a free port with a Redis prefix of its own; close() also closes its connections. */
export async function startTestApp(extraRoutes: MountedRoute[] = []): Promise<TestApp> {
  const redisPrefix = uniqueRedisPrefix('web');
  process.env.REDIS_PREFIX = redisPrefix;
  const server = await startTestServer([...extraRoutes, ...appRoutes]);
  const appFetch: TestApp['fetch'] = (path, init = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${server.url}${path}`, { ...rest, headers });
  };
  return {
    ...server,
    redisPrefix,
    trpcAs(idToken, extraHeaders = {}) {
      return createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${server.url}/api/trpc`,
            headers: () => ({ ...(idToken ? { authorization: `Bearer ${idToken}` } : {}), ...extraHeaders }),
          }),
        ],
      });
    },
    fetch: appFetch,
    postJson(path, body, init = {}) {
      const headers = { 'content-type': 'application/json' };
      return appFetch(path, { method: 'POST', ...init, headers, body: JSON.stringify(body) });
    },
    async close() {
      await server.close();
      await closeServices();
      await deleteRedisKeys(redisPrefix);
    },
  };
}

/** Removes everything this file's app left in the shared Redis (queues, alert incidents). */
async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = testRedis();
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
