import { AdIntegrationsRepository } from '@cohorts/core';
import { testFirestore } from '@cohorts/test-harness';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as processRoute from '../src/app/api/integrations/process/route';
import { appRouter } from '../src/server/trpc/app-router';
import { appWithUsers } from './support/app-with-users';
import { seedIntegration } from './support/seed';

/**
 * The cron key is not a master key (issue 12, finding 5): it reaches only what scheduled automation
 * needs, each naming its user, and every other procedure answers 403. The table lists every tRPC
 * procedure of the app router (checked below, so a new procedure cannot slip in unlisted) and every
 * REST route.
 */
const cronKey = process.env.INTEGRATIONS_CRON_SECRET ?? '';
const range = { from: '2026-11-01', to: '2026-11-07' };

const web = appWithUsers({
  users: { alice: 'user' },
  routes: [{ path: '/api/integrations/process', module: processRoute }],
  seed: async ({ alice }) => {
    // google for the procedures, tiktok for the REST routes: with auto-sync off no scheduling queues it,
    // so REST processing (which may fail google's job for want of a credential) never reaches it.
    await Promise.all([
      seedIntegration(alice.uid, 'google'),
      seedIntegration(alice.uid, 'tiktok', { autoSyncEnabled: false }),
    ]);
  },
});

type Access = 'allowed' | 'forbidden';

/** tRPC procedure -> what the cron key gets, and an input naming Alice where the procedure takes a user. */
const procedures: Record<string, { access: Access; input: (uid: string) => object }> = {
  // First, while no job waits, so processing answers at once.
  'admin.processNext': { access: 'allowed', input: () => ({}) },
  'integrations.list': { access: 'allowed', input: (uid) => ({ userId: uid }) },
  'integrations.status': { access: 'allowed', input: (uid) => ({ userId: uid }) },
  'jobs.recent': { access: 'allowed', input: (uid) => ({ userId: uid }) },
  'jobs.history': { access: 'allowed', input: (uid) => ({ userId: uid }) },
  'metrics.daily': { access: 'allowed', input: (uid) => ({ ...range, userId: uid }) },
  'analytics.insights': { access: 'allowed', input: (uid) => ({ ...range, userId: uid }) },
  'admin.schedule': { access: 'allowed', input: (uid) => ({ userId: uid }) },
  'integrations.manualSync': { access: 'allowed', input: (uid) => ({ providerId: 'google', userId: uid }) },
  'integrations.updateAutomation': {
    access: 'forbidden',
    input: (uid) => ({ providerId: 'google', userId: uid, autoSyncEnabled: false }),
  },
  'integrations.connectUrl': { access: 'forbidden', input: () => ({ providerId: 'google' }) },
  'integrations.accounts': { access: 'forbidden', input: (uid) => ({ providerId: 'google', userId: uid }) },
  'integrations.selectAccounts': {
    access: 'forbidden',
    input: (uid) => ({ providerId: 'google', userId: uid, accountIds: ['google-acct-1'] }),
  },
  'integrations.disconnect': {
    access: 'forbidden',
    input: (uid) => ({ providerId: 'google', userId: uid }),
  },
  'metrics.overview': { access: 'forbidden', input: (uid) => ({ ...range, userId: uid }) },
  'jobs.onChange': { access: 'forbidden', input: (uid) => ({ userId: uid }) },
};

/** REST route -> what the cron key gets (every REST route is one scheduled automation calls). */
const routes: [string, 'GET' | 'POST', string, object | null][] = [
  ['GET /api/integrations/status', 'GET', '/api/integrations/status?userId={uid}', null],
  ['POST /api/integrations/schedule', 'POST', '/api/integrations/schedule', { userId: '{uid}' }],
  ['POST /api/integrations/process', 'POST', '/api/integrations/process', {}],
  [
    'POST /api/integrations/manual-sync',
    'POST',
    '/api/integrations/manual-sync',
    { providerId: 'tiktok', userId: '{uid}' },
  ],
  ['GET /api/metrics', 'GET', '/api/metrics?from=2026-11-01&to=2026-11-07&userId={uid}', null],
  [
    'GET /api/analytics/insights',
    'GET',
    '/api/analytics/insights?from=2026-11-01&to=2026-11-07&userId={uid}',
    null,
  ],
];

const cronHeaders = { 'x-cron-key': cronKey };

/** tRPC keeps the procedures (functions) by dotted path; each says in `_def.type` how it is called. */
const ProcedureDef = z.object({ type: z.enum(['query', 'mutation', 'subscription']) });

function procedureType(path: string): string {
  const procedure: unknown = Reflect.get(appRouter._def.procedures, path);
  if (typeof procedure !== 'function') throw new Error(`no procedure ${path}`);
  return ProcedureDef.parse(Reflect.get(procedure, '_def')).type;
}

/** Calls a procedure over HTTP as tRPC's links do; a subscription's first SSE event is read. */
async function callProcedure(path: string, input: object): Promise<{ status: number; text: string }> {
  const type = procedureType(path);
  if (type === 'mutation') {
    const response = await web.app.fetch(`/api/trpc/${path}`, {
      method: 'POST',
      headers: { ...cronHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return { status: response.status, text: await response.text() };
  }
  const query = `input=${encodeURIComponent(JSON.stringify(input))}`;
  if (type === 'query') {
    const response = await web.app.fetch(`/api/trpc/${path}?${query}`, { headers: cronHeaders });
    return { status: response.status, text: await response.text() };
  }
  // tRPC opens the stream, then sends a refusal as its first event with the HTTP status inside.
  const controller = new AbortController();
  const response = await web.app.fetch(`/api/trpc/${path}?${query}`, {
    headers: { ...cronHeaders, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const text = await firstEvent(response);
  controller.abort();
  const status = /"httpStatus":(\d+)/.exec(text)?.[1];
  return { status: status ? Number(status) : response.status, text };
}

async function firstEvent(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  // The stream's first events: `connected`, then data or the serialized error.
  while (!/event: serialized-error|\ndata: \{"id"|\ndata: \{"change"/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

describe('what the cron key may call', () => {
  it('lists every procedure of the app router', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it.each(Object.entries(procedures))('%s: %s', async (path, { access, input }) => {
    const { status, text } = await callProcedure(path, input(web.alice.uid));
    if (access === 'allowed') {
      expect(status, text).toBe(200);
    } else {
      expect(status, text).toBe(403);
      expect(text).toContain('this needs');
    }
  });

  it.each(routes)('%s: allowed', async (_label, method, path, body) => {
    const response = await web.app.fetch(path.replace('{uid}', web.alice.uid), {
      method,
      headers: body === null ? cronHeaders : { ...cronHeaders, 'content-type': 'application/json' },
      body: body === null ? undefined : JSON.stringify(body).replace('{uid}', web.alice.uid),
    });
    expect(response.status, await response.text()).toBe(200);
  });

  it('changed nothing it was refused: the integration is linked, with its automation', async () => {
    const integration = await new AdIntegrationsRepository(testFirestore()).get(web.alice.uid, 'google');
    expect(integration).toMatchObject({ autoSyncEnabled: true, selectedAccountIds: [] });
  });

  it('must name the user on everything that acts on one (400 naming userId)', async () => {
    const actsOnAUser = Object.entries(procedures).filter(
      ([path, { access }]) => access === 'allowed' && path !== 'admin.processNext',
    );
    for (const [path, { input }] of actsOnAUser) {
      const { userId: _userId, ...withoutUser } = input(web.alice.uid) as { userId?: string };
      const { status, text } = await callProcedure(path, withoutUser);
      expect(status, path).toBe(400);
      expect(text, path).toContain('userId: name the user');
    }
  });
});
