import { describe, expect, it } from 'vitest';
import * as bullBoardRoute from '../src/app/admin/queues/[[...path]]/route';
import { closeServices } from '../src/server/services';
import { appWithUsers } from './support/app-with-users';

let adminCookie: string;

const web = appWithUsers({
  users: { user: 'user', admin: 'admin' },
  routes: [{ path: '/admin/queues/*', module: bullBoardRoute }],
  seed: async ({ app, admin }) => {
    const login = await app.fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken: admin.idToken }),
    });
    adminCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(adminCookie).toMatch(/^__session=./);
  },
  close: () => closeServices(),
});

describe('Bull Board at /admin/queues', () => {
  it('401s anonymous visitors and 403s signed-in non-admins', async () => {
    const anonymous = await web.app.fetch('/admin/queues');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthenticated');
    const api = await web.app.fetch('/admin/queues/api/queues');
    expect(api.status).toBe(401);
    const nonAdmin = await web.app.fetch('/admin/queues', { token: web.user.idToken });
    expect(nonAdmin.status).toBe(403);
    expect((await nonAdmin.json()).error.message).toBe('this needs an admin account');
  });

  it('serves the board, its static assets under the base path, and the four queues to an admin', async () => {
    const page = await web.app.fetch('/admin/queues', { headers: { cookie: adminCookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Ads Sync');
    // The page loads its scripts relative to <base href>, which must be the mount path.
    const base = /<base href="([^"]+)"/.exec(html)?.[1];
    expect(base).toBe('/admin/queues/');
    const script = /<script defer src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'a script tag').toBeDefined();
    const asset = new URL(script ?? '', `${web.app.url}${base}`);
    expect(asset.pathname).toMatch(/^\/admin\/queues\/static\//);
    const scriptResponse = await web.app.fetch(asset.pathname, { headers: { cookie: adminCookie } });
    expect(scriptResponse.status).toBe(200);
    expect(scriptResponse.headers.get('content-type')).toMatch(/javascript/);

    const queues = await web.app.fetch('/admin/queues/api/queues', { token: web.admin.idToken });
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([
      'ads-alerts',
      'ads-reconciler',
      'ads-scheduler',
      'ads-sync',
    ]);
  });

  it('refuses a cross-site change made with the session cookie', async () => {
    const response = await web.app.fetch('/admin/queues/api/queues/ads-sync/pause', {
      method: 'PUT',
      headers: { cookie: adminCookie, origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});
