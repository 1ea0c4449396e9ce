import { resolve } from 'node:path';
import { AdMetricsRepository, SyncJobsRepository, TokenVault } from '@cohorts/core';
import { type RunningSandbox, startSandbox } from '@cohorts/sandbox';
import { linkThroughSandbox, sandboxLogins, sandboxOAuthEnv } from '@cohorts/sync/testing';
import { createTestUser, type TestUser, testFirestore, waitFor } from '@cohorts/test-harness';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as processRoute from '../src/app/api/integrations/process/route';
import { closeServices, connectors } from '../src/server/services';
import type { AppRouter } from '../src/server/trpc/app-router';
import { startTestApp, type TestApp } from './support/app';

let sandbox: RunningSandbox;
let app: TestApp;
let alice: TestUser;
let admin: TestUser;
const cronKey = process.env.INTEGRATIONS_CRON_SECRET ?? '';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  // The connectors talk to the sandbox, with OAuth apps it accepts.
  Object.assign(process.env, sandboxOAuthEnv(), {
    ADS_SANDBOX_URL: sandbox.url,
    RAW_PAYLOAD_DIR: '.data/test-raw-payloads',
  });
  app = await startTestApp([{ path: '/api/integrations/process', module: processRoute }]);
  [alice, admin] = await Promise.all([createTestUser(), createTestUser({ claims: { admin: true } })]);
  await linkThroughSandbox({
    db: testFirestore(),
    vault: new TokenVault(process.env.TOKEN_ENCRYPTION_KEYS ?? ''),
    connector: (await connectors()).tiktok,
    userId: alice.uid,
    login: sandboxLogins.ben,
  });
});

afterAll(async () => {
  await app?.close();
  await closeServices();
  await sandbox?.close();
});

function processNext(headers: Record<string, string>, body?: unknown) {
  return app.fetch('/api/integrations/process', {
    method: 'POST',
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('POST /api/integrations/process', () => {
  it('401s without credentials and 403s a signed-in non-admin', async () => {
    expect((await processNext({})).status).toBe(401);
    expect((await processNext({ 'x-cron-key': 'not-the-cron-secret' })).status).toBe(401);
    const user = await processNext({ authorization: `Bearer ${alice.idToken}` });
    expect(user.status).toBe(403);
    expect((await user.json()).error.message).toBe('this needs an admin account or the cron key');
  });

  it('400s a body with fields it does not take', async () => {
    const response = await processNext({ 'x-cron-key': cronKey }, { userId: alice.uid });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('body: takes no fields (got userId)');
  });

  it('processes the next job against the sandbox while the subscription streams its progress and final status', async () => {
    const live = createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({
            url: `${app.url}/api/trpc`,
            EventSource,
            eventSourceOptions: () => ({
              fetch: (input, init) =>
                fetch(input, {
                  ...init,
                  headers: { ...init?.headers, authorization: `Bearer ${alice.idToken}` },
                }),
            }),
          }),
          false: httpLink({
            url: `${app.url}/api/trpc`,
            headers: { authorization: `Bearer ${alice.idToken}` },
          }),
        }),
      ],
    });
    const events: { job: { id: string; status: string; progress: { daysDone: number } | null } }[] = [];
    let started = false;
    const subscription = live.jobs.onChange.subscribe(undefined, {
      onStarted: () => {
        started = true;
      },
      onData: (envelope) => events.push(envelope.data),
    });
    try {
      await waitFor(() => started, { what: 'the stream to open' });
      const { job } = await live.integrations.manualSync.mutate({ providerId: 'tiktok' });

      const response = await processNext({ 'x-cron-key': cronKey });
      expect(response.status).toBe(200);
      const result = await response.json();
      // Other files' jobs never reach this queue (its Redis prefix is this file's own).
      expect(result).toMatchObject({ processed: true, jobId: job.id, result: 'completed' });
      expect(result.outcome).toMatchObject({ outcome: 'finished', status: 'success' });

      const stored = await new SyncJobsRepository(testFirestore()).get(alice.uid, job.id);
      expect(stored).toMatchObject({ status: 'success', errorMessage: null });
      const days = await new AdMetricsRepository(testFirestore()).readRange(alice.uid, {
        from: stored?.windowStart ?? '',
        to: stored?.windowEnd ?? '',
        providerIds: ['tiktok'],
      });
      expect(days.length).toBeGreaterThanOrEqual(8);
      expect(days.every((day) => day.providers.tiktok !== null)).toBe(true);

      // What a client sees of the raw payload: the store's key, never the server's file path.
      const metrics = await app.fetch(
        `/api/metrics?from=${stored?.windowStart}&to=${stored?.windowEnd}&providerIds=tiktok`,
        { token: alice.idToken },
      );
      const text = await metrics.text();
      expect(text).not.toContain('file://');
      expect(text).not.toContain(resolve('.data/test-raw-payloads'));
      const refs = new Set(
        (JSON.parse(text) as { days: { providers: { tiktok: { rawPayloadRef: string } } }[] }).days.map(
          (day) => day.providers.tiktok.rawPayloadRef,
        ),
      );
      expect([...refs]).toEqual([`${alice.uid}/tiktok/${job.id}-1.json`]);

      await waitFor(() => events.find((e) => e.job.id === job.id && e.job.status === 'success'), {
        what: 'the final status on the stream',
      });
      const mine = events.filter((e) => e.job.id === job.id);
      expect(mine.map((e) => e.job.status)).toContain('running');
      expect(mine.some((e) => (e.job.progress?.daysDone ?? 0) > 0)).toBe(true);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('answers processed: false when nothing waits; admins may call it through tRPC too', async () => {
    const response = await processNext({ authorization: `Bearer ${admin.idToken}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ processed: false });
    const viaTrpc = await createTRPCClient<AppRouter>({
      links: [
        httpLink({ url: `${app.url}/api/trpc`, headers: { authorization: `Bearer ${admin.idToken}` } }),
      ],
    }).admin.processNext.mutate({});
    expect(viaTrpc).toEqual({ processed: false });
    const asUser = await app
      .trpcAs(alice.idToken)
      .admin.processNext.mutate({})
      .catch((e: unknown) => e);
    expect(asUser).toBeInstanceOf(TRPCClientError);
    expect((asUser as TRPCClientError<never>).data).toMatchObject({ httpStatus: 403 });
  });
});
