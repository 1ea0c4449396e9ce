import { SyncJobsRepository } from '@cohorts/core';
import { testFirestore, waitFor } from '@cohorts/test-harness';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import { describe, expect, it } from 'vitest';
import { openJobWatchers } from '../src/server/handlers/job-events';
import type { AppRouter } from '../src/server/trpc/app-router';
import { appWithUsers } from './support/app-with-users';
import { seedIntegration } from './support/seed';

const web = appWithUsers({
  users: { alice: 'user', bob: 'user' },
  seed: ({ alice }) => seedIntegration(alice.uid, 'linkedin'),
});

/** A tRPC client whose subscriptions go over SSE with the given headers (EventSource ponyfill). */
function liveClient(headers: Record<string, string>) {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${web.app.url}/api/trpc`,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          }),
        }),
        false: httpLink({ url: `${web.app.url}/api/trpc`, headers }),
      }),
    ],
  });
}

type JobEvent = { change: string; job: { id: string; status: string; progress: unknown } };

describe('jobs.onChange (SSE)', () => {
  it("streams the user's job progress and final status as the worker writes them", async () => {
    const client = liveClient({ authorization: `Bearer ${web.alice.idToken}` });
    const events: JobEvent[] = [];
    let started = false;
    const subscription = client.jobs.onChange.subscribe(
      { limit: 10 },
      {
        onStarted: () => {
          started = true;
        },
        onData: (envelope) => events.push(envelope.data),
        onError: (error) =>
          events.push({ change: 'error', job: { id: String(error), status: '', progress: null } }),
      },
    );
    try {
      await waitFor(() => started && openJobWatchers() > 0, { what: 'the stream to open' });

      const { job } = await client.integrations.manualSync.mutate({ providerId: 'linkedin' });
      await waitFor(() => events.find((e) => e.job.id === job.id && e.job.status === 'queued'), {
        what: 'the queued job',
      });

      // Play the worker's part through the repository it uses.
      const jobs = new SyncJobsRepository(testFirestore());
      const claimed = await jobs.claim(web.alice.uid, job.id, {
        workerId: 'test-worker',
        now: new Date(),
        leaseMs: 60_000,
      });
      expect(claimed.claimed).toBe(true);
      await jobs.updateProgress(web.alice.uid, job.id, 'test-worker', {
        accountsDone: 1,
        accountsTotal: 2,
        daysDone: 4,
        daysTotal: 8,
      });
      await waitFor(
        () =>
          events.find(
            (e) => e.job.id === job.id && (e.job.progress as { daysDone?: number })?.daysDone === 4,
          ),
        { what: 'the progress event' },
      );
      await jobs.complete(web.alice.uid, job.id, 'test-worker', new Date());
      await waitFor(() => events.find((e) => e.job.id === job.id && e.job.status === 'success'), {
        what: 'the final status',
      });

      const statuses = events.filter((e) => e.job.id === job.id).map((e) => e.job.status);
      expect(statuses[0]).toBe('queued');
      expect(statuses).toContain('running');
      expect(statuses.at(-1)).toBe('success');
      expect(events.some((e) => e.change === 'error')).toBe(false);
    } finally {
      subscription.unsubscribe();
    }
    // The client hung up: the server removes its Firestore listener.
    await waitFor(() => openJobWatchers() === 0, { what: 'the listener to be removed' });
  });

  it('works with the session cookie, and shows nobody else’s jobs', async () => {
    const login = await fetch(`${web.app.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken: web.bob.idToken }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const client = liveClient({ cookie });
    const events: JobEvent[] = [];
    let started = false;
    const subscription = client.jobs.onChange.subscribe(undefined, {
      onStarted: () => {
        started = true;
      },
      onData: (envelope) => events.push(envelope.data),
    });
    try {
      await waitFor(() => started, { what: 'the stream to open' });
      await seedIntegration(web.bob.uid, 'google');
      const { job } = await client.integrations.manualSync.mutate({ providerId: 'google' });
      await waitFor(() => events.find((e) => e.job.id === job.id), { what: "bob's job" });
      expect(events.every((e) => e.job.id === job.id)).toBe(true);

      // The same cookie cannot drive a mutation from another site.
      const forged = await fetch(`${web.app.url}/api/trpc/integrations.manualSync`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ providerId: 'google' }),
      });
      expect(forged.status).toBe(403);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('refuses a stream without credentials (UNAUTHORIZED) and across tenants (FORBIDDEN)', async () => {
    // tRPC opens the SSE stream, then sends the error as its first event (so the client can
    // re-authenticate and retry); a raw reader sees it too.
    const anonymous = await fetch(`${web.app.url}/api/trpc/jobs.onChange?input=${encodeURIComponent('{}')}`, {
      headers: { accept: 'text/event-stream' },
    });
    const text = await readUntil(anonymous, 'serialized-error');
    expect(text).toMatch(/"code":"UNAUTHORIZED","httpStatus":401/);
    expect(text).toMatch(/sign in first/);
    expect(openJobWatchers()).toBe(0);

    const client = liveClient({ authorization: `Bearer ${web.bob.idToken}` });
    const error = await new Promise<unknown>((resolve) => {
      const subscription = client.jobs.onChange.subscribe(
        { userId: web.alice.uid },
        {
          onData: () => resolve(new Error('received data from another tenant')),
          onError: (e) => {
            subscription.unsubscribe();
            resolve(e);
          },
        },
      );
    });
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN');
  });
});

async function readUntil(response: Response, marker: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!text.includes(marker) || !text.endsWith('\n\n')) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
  return text;
}
