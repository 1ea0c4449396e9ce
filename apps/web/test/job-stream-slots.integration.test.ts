import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTestUser,
  redisUrl,
  type StackProcess,
  spawnLogged,
  type TestUser,
  testRedis,
  waitFor,
} from '@cohorts/test-harness';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobWatchers } from '../src/server/handlers/job-events';
import { StreamSlots } from '../src/server/stream-slots';
import { startTestApp, type TestApp } from './support/app';
import { seedIntegration } from './support/seed';

/**
 * Live job streams (`jobs.onChange`, SSE): exactly `JOB_STREAMS_PER_USER` open at once per person,
 * held in a Redis sorted set (one member per open stream, renewed by its heartbeat), and every
 * stream gives back its Firestore listener and its slot when the client goes away. A short slot TTL
 * so a dead process's slots lapse within the test (read once, when the app first reads its env).
 */
Object.assign(process.env, { JOB_STREAMS_PER_USER: '5', JOB_STREAM_SLOT_TTL_SECONDS: '2' });
const limit = 5;
const ttlMs = 2_000;

let app: TestApp;
let redis: Redis;
/** The app's own slot store, read from outside (same keys, same scripts). */
let slots: StreamSlots;
const logDir = mkdtempSync(join(tmpdir(), 'cohorts-stream-slots-'));
const holders: StackProcess[] = [];

beforeAll(async () => {
  app = await startTestApp();
  redis = testRedis();
  slots = new StreamSlots(redis, `${app.redisPrefix}:job-streams`, { limit, ttlMs });
});

afterAll(async () => {
  await Promise.all(holders.map((holder) => holder.stop()));
  redis?.disconnect();
  await app?.close();
  rmSync(logDir, { recursive: true, force: true });
});

/** A person with one sync job, so an admitted stream starts with an `added` event. */
async function userWithJobs(): Promise<TestUser> {
  const user = await createTestUser();
  await seedIntegration(user.uid, 'google');
  await app.trpcAs(user.idToken).integrations.manualSync.mutate({ providerId: 'google' });
  return user;
}

interface OpenStream {
  text: string;
  admitted: boolean;
  close(): void;
}

/** Opens jobs.onChange over SSE and reads until its first job event or its refusal. */
async function openStream(user: TestUser): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await app.fetch(`/api/trpc/jobs.onChange?input=${encodeURIComponent('{}')}`, {
    token: user.idToken,
    headers: { accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  while (!/serialized-error[\s\S]*\n\n|"change":"added"/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, admitted: text.includes('"change":"added"'), close: () => controller.abort() };
}

const heldBy = (user: TestUser) => slots.held(user.uid);

describe('live job stream slots (JOB_STREAMS_PER_USER)', () => {
  it('admits 5 streams, refuses the 6th with 429 and when to retry, and admits another once one closes', async () => {
    const user = await userWithJobs();
    const watchersBefore = openJobWatchers();
    const open: OpenStream[] = [];
    for (let i = 0; i < limit; i += 1) open.push(await openStream(user));
    expect(open.map((stream) => stream.admitted)).toEqual([true, true, true, true, true]);
    expect(await heldBy(user)).toBe(5);

    const sixth = await openStream(user);
    expect(sixth.admitted).toBe(false);
    expect(sixth.text).toMatch(/"code":"TOO_MANY_REQUESTS","httpStatus":429/);
    expect(sixth.text).toMatch(
      /at most 5 live job streams may be open at once: close another tab, or try again in [12] s/,
    );
    // The earliest slot lapses within the 2 s TTL unless renewed: that is the soonest a retry can work.
    expect(sixth.text).toMatch(/"retryAfterSeconds":[12]\b/);
    sixth.close();
    expect(await heldBy(user)).toBe(5);

    open.shift()?.close();
    await waitFor(async () => (await heldBy(user)) === 4, {
      what: 'the closed stream to give its slot back',
    });
    const again = await openStream(user);
    expect(again.admitted).toBe(true);
    open.push(again);
    expect(await heldBy(user)).toBe(5);
    expect((await openStream(user)).admitted).toBe(false);

    for (const stream of open) stream.close();
    await waitFor(async () => (await heldBy(user)) === 0 && openJobWatchers() === watchersBefore, {
      what: 'every slot and listener to be given back',
    });
  });

  it('keeps the slots of a live process past their TTL, and frees them after the TTL once it died', async () => {
    const user = await userWithJobs();
    // Another web process: five streams of this user, renewed every third of the TTL.
    const holder = spawnLogged(
      'holder',
      process.execPath,
      [
        '--import',
        'tsx',
        'test/support/hold-stream-slots.ts',
        redisUrl(),
        `${app.redisPrefix}:job-streams`,
        user.uid,
        String(limit),
        String(limit),
        String(ttlMs),
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), env: {}, logDir },
    );
    holders.push(holder);
    await waitFor(() => holder.tail().includes(`held ${limit}`), {
      timeoutMs: 60_000,
      what: `the other process to hold ${limit} slots (${holder.tail()})`,
    });
    // Four heartbeats are more than a TTL: the slots are still held because they were renewed.
    await waitFor(() => (holder.tail().match(/renewed/g) ?? []).length >= 4, { what: 'four heartbeats' });
    expect(await heldBy(user)).toBe(limit);
    expect((await openStream(user)).admitted).toBe(false);

    holder.child.kill('SIGKILL');
    await waitFor(() => !holder.alive(), { what: 'the other process to die' });
    await waitFor(async () => (await heldBy(user)) === 0, {
      timeoutMs: 10_000,
      what: "the dead process's slots to lapse",
    });
    const stream = await openStream(user);
    expect(stream.admitted).toBe(true);
    stream.close();
    await waitFor(async () => (await heldBy(user)) === 0, { what: 'the stream to give its slot back' });
  });
});

describe('jobs.onChange gives back its listener and its slot whenever the client goes away', () => {
  /** Where in its life a stream is abandoned. */
  const hangUps = {
    /** Before the answer arrives (the request is in flight). */
    beforeTheAnswer: async (user: TestUser) => {
      const controller = new AbortController();
      const request = app
        .fetch(`/api/trpc/jobs.onChange?input=${encodeURIComponent('{}')}`, {
          token: user.idToken,
          headers: { accept: 'text/event-stream' },
          signal: controller.signal,
        })
        .catch(() => undefined);
      controller.abort();
      await request;
    },
    /** Once the headers are in, before reading anything. */
    afterTheHeaders: async (user: TestUser) => {
      const controller = new AbortController();
      await app.fetch(`/api/trpc/jobs.onChange?input=${encodeURIComponent('{}')}`, {
        token: user.idToken,
        headers: { accept: 'text/event-stream' },
        signal: controller.signal,
      });
      controller.abort();
    },
    /** After the first job events. */
    afterTheFirstEvents: async (user: TestUser) => (await openStream(user)).close(),
  };

  it('over 3 rounds of 20 streams abandoned at every stage, the listener and slot counts return to where they were', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => userWithJobs()));
    const watchersBefore = openJobWatchers();
    const stages = Object.values(hangUps);
    for (let round = 0; round < 3; round += 1) {
      // 5 streams per user (the limit): nothing refused if every earlier one was given back.
      await Promise.all(
        users.flatMap((user) =>
          Array.from({ length: limit }, (_, i) => stages[(i + round) % stages.length]?.(user)),
        ),
      );
      const given = async () => ({
        listeners: openJobWatchers() - watchersBefore,
        slots: await Promise.all(users.map(heldBy)),
      });
      await waitFor(
        async () => {
          const left = await given();
          return left.listeners === 0 && left.slots.every((held) => held === 0);
        },
        { what: `round ${round + 1}: every listener and slot to be given back` },
      ).catch(async (error: unknown) => {
        throw new Error(`${String(error)}; still held: ${JSON.stringify(await given())}`);
      });
    }
    // And the limit is whole again: each user can open all 5.
    const reopened = await Promise.all(users.map((user) => openStream(user)));
    expect(reopened.every((stream) => stream.admitted)).toBe(true);
    for (const stream of reopened) stream.close();
    await waitFor(async () => openJobWatchers() === watchersBefore, { what: 'the last streams to end' });
  });
});
