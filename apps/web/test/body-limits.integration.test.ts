import { describe, expect, it } from 'vitest';
import * as bullBoardRoute from '../src/app/admin/queues/[[...path]]/route';
import * as manualSyncRoute from '../src/app/api/integrations/manual-sync/route';
import * as sessionRoute from '../src/app/api/session/route';
import * as trpcRoute from '../src/app/api/trpc/[trpc]/route';
import { closeServices } from '../src/server/services';
import { appWithUsers } from './support/app-with-users';

const eightMegabytes = 8 * 1024 * 1024;
const chunkBytes = 64 * 1024;

const web = appWithUsers({
  users: { user: 'user', admin: 'admin' },
  routes: [{ path: '/admin/queues/*', module: bullBoardRoute }],
  close: () => closeServices(),
});

/** An 8 MB JSON-looking body produced only as the handler pulls it, counting what was pulled. */
function hugeBody() {
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= eightMegabytes) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

function post(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  };
  return new Request(url, init);
}

async function expectTooLarge(response: Response, limit: string) {
  expect(response.status).toBe(413);
  expect((await response.json()).error).toEqual({
    code: 'payload_too_large',
    message: `body: must be at most ${limit} for this route`,
  });
}

type Route = (request: Request) => Promise<Response> | Response;

describe('request body limits', () => {
  const routes: { name: string; route: () => Route; url: string; limit: string; auth: () => string }[] = [
    {
      name: 'POST /api/session',
      route: () => sessionRoute.POST,
      url: 'http://localhost:3000/api/session',
      limit: '8 KB',
      auth: () => '',
    },
    {
      name: 'POST /api/integrations/manual-sync',
      route: () => manualSyncRoute.POST,
      url: 'http://localhost:3000/api/integrations/manual-sync',
      limit: '8 KB',
      auth: () => `Bearer ${web.user.idToken}`,
    },
    {
      name: 'tRPC',
      route: () => trpcRoute.POST,
      url: 'http://localhost:3000/api/trpc/integrations.manualSync',
      limit: '64 KB',
      auth: () => `Bearer ${web.user.idToken}`,
    },
    {
      name: 'Bull Board',
      route: () => bullBoardRoute.POST,
      url: 'http://localhost:3000/admin/queues/api/queues/ads-sync/pause',
      limit: '16 KB',
      auth: () => `Bearer ${web.admin.idToken}`,
    },
  ];

  it.each(routes)('$name stops reading an 8 MB body at its limit and answers 413', async (r) => {
    const body = hugeBody();
    const authorization = r.auth();
    const response = await r.route()(post(r.url, body.stream, authorization ? { authorization } : {}));
    await expectTooLarge(response, r.limit);
    // The limit plus the chunk in flight and the one the stream buffers ahead, never the 8 MB.
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024 + 2 * chunkBytes);
  });

  it.each(routes)('$name refuses a declared Content-Length over its limit without reading', async (r) => {
    const body = hugeBody();
    const authorization = r.auth();
    const response = await r.route()(
      post(r.url, body.stream, {
        'content-length': String(eightMegabytes),
        ...(authorization ? { authorization } : {}),
      }),
    );
    await expectTooLarge(response, r.limit);
    expect(body.pulled()).toBeLessThanOrEqual(chunkBytes);
  });

  it('answers an 8 MB POST /api/session over HTTP with 413 naming the limit', async () => {
    const response = await web.app.fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken: 'x'.repeat(eightMegabytes) }),
    });
    await expectTooLarge(response, '8 KB');
  });

  it('still takes a body just under the limit', async () => {
    const response = await web.app.postJson(
      '/api/integrations/manual-sync',
      { providerId: 'google', padding: ' '.repeat(7 * 1024) },
      { token: web.user.idToken },
    );
    expect(response.status).not.toBe(413);
    expect(response.status).toBeLessThan(500);
  });
});

describe('tRPC batches', () => {
  const batchOf = (calls: number) => {
    const paths = Array.from({ length: calls }, () => 'integrations.status').join(',');
    const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, {}]));
    return `/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  };

  it('answers a batch of 10 calls and refuses one of 11 with 400', async () => {
    const ten = await web.app.fetch(batchOf(10), { token: web.user.idToken });
    expect(ten.status).toBe(200);
    expect(await ten.json()).toHaveLength(10);
    const eleven = await web.app.fetch(batchOf(11), { token: web.user.idToken });
    expect(eleven.status).toBe(400);
    expect(JSON.stringify(await eleven.json())).toMatch(/batch/i);
  });
});
