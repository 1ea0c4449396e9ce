import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testRedis, uniqueId, uniqueRedisPrefix } from '@cohorts/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationFailureMonitor } from '../src/alerts/integration-failures';
import { AlertNotifier, RedisIncidentStore, webhookDelivery } from '../src/alerts/notifier';
import type { AlertPayload } from '../src/alerts/policy';
import type { AdIntegration } from '../src/contract/ad-integration';
import { firestoreFor } from '../src/firestore/firebase-app';
import { AdIntegrationsRepository } from '../src/repositories/ad-integrations-repository';
import { SyncJobsRepository } from '../src/repositories/sync-jobs-repository';
import { integrationFixture } from './fixtures';

const db = firestoreFor(process.env.FIREBASE_PROJECT_ID ?? 'demo-cohorts');
const redis = testRedis();
const prefix = uniqueRedisPrefix('alerts');
const integrations = new AdIntegrationsRepository(db);
const jobs = new SyncJobsRepository(db);

/** A local webhook receiver; `failNext` answers that many requests with 500 first. */
const received: AlertPayload[] = [];
let requests = 0;
let failNext = 0;
let server: Server;
let url = '';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    requests += 1;
    const body = await readBody(request);
    if (failNext > 0) {
      failNext -= 1;
      response.writeHead(500).end();
      return;
    }
    received.push(JSON.parse(body) as AlertPayload);
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function notifier(): AlertNotifier {
  return new AlertNotifier({
    store: new RedisIncidentStore(redis, prefix),
    deliver: webhookDelivery({ url, baseDelayMs: 5, attempts: 4, timeoutMs: 2_000 }),
  });
}

async function failedSync(userId: string, secretNote: string): Promise<void> {
  const created = await jobs.createUnlessLive(
    userId,
    { providerId: 'linkedin', jobType: 'scheduled-sync', timeframeDays: 8 },
    { now: new Date() },
  );
  await jobs.claim(userId, created.job.id, { workerId: 'w1', now: new Date(), leaseMs: 60_000 });
  await jobs.fail(userId, created.job.id, 'w1', new Date(), `LinkedIn said no (${secretNote})`);
  await integrations.updateSyncStatus(userId, 'linkedin', { lastSyncStatus: 'error' });
}

describe('failure-threshold alerts to a webhook (Firestore emulator + Redis + local HTTP receiver)', () => {
  it('alerts once at the threshold, not again while it lasts, and once "resolved" when it clears', async () => {
    const userId = uniqueId('u');
    const integration: AdIntegration = integrationFixture(userId, 'linkedin');
    await integrations.save(integration);
    const secretToken = `AQX${randomUUID().replaceAll('-', '')}${randomUUID().replaceAll('-', '')}`;
    // Two replicas' monitors share the incident store: one alert between them.
    const monitors = [
      new IntegrationFailureMonitor(db, notifier()),
      new IntegrationFailureMonitor(db, notifier()),
    ];
    const current = async () => (await integrations.get(userId, 'linkedin')) ?? integration;
    const mine = () => received.filter((payload) => payload.where.userId === userId);

    await failedSync(userId, secretToken);
    await failedSync(userId, secretToken);
    for (const monitor of monitors) await monitor.checkIntegration(await current(), 3);
    expect(mine()).toHaveLength(0);

    await failedSync(userId, secretToken);
    failNext = 2; // the receiver is down for two requests: retried, then delivered
    const before = requests;
    for (const monitor of monitors) await monitor.checkIntegration(await current(), 3);
    for (const monitor of monitors) await monitor.checkIntegration(await current(), 3);
    expect(requests - before).toBe(3);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({
      status: 'triggered',
      kind: 'integration-failures',
      where: { userId, providerId: 'linkedin' },
      details: { consecutiveFailures: 3, threshold: 3 },
    });
    expect(mine()[0]?.since).toEqual(expect.any(String));
    expect(JSON.stringify(mine())).not.toContain(secretToken);

    // A re-link sets `pending`; the streak is still in the job history, so the incident stays open.
    await integrations.updateSyncStatus(userId, 'linkedin', { lastSyncStatus: 'pending' });
    for (const monitor of monitors) await monitor.checkIntegration(await current(), 3);
    expect(mine()).toHaveLength(1);

    // A per-run override above the streak clears it.
    await monitors[0]?.checkIntegration(await current(), 5);
    await monitors[1]?.checkIntegration(await current(), 5);
    expect(mine().map((payload) => payload.status)).toEqual(['triggered', 'resolved']);
    expect(JSON.stringify(mine())).not.toContain(secretToken);
  });

  it('keeps the incident for a retry when the webhook stays down', async () => {
    const userId = uniqueId('u');
    await integrations.save(integrationFixture(userId, 'linkedin'));
    for (let i = 0; i < 3; i += 1) await failedSync(userId, 'x');
    const monitor = new IntegrationFailureMonitor(db, notifier());
    const integration = await integrations.get(userId, 'linkedin');
    if (!integration) throw new Error('integration missing');
    failNext = 4;
    await monitor.checkIntegration(integration, 3);
    expect(received.filter((payload) => payload.where.userId === userId)).toHaveLength(0);
    await monitor.checkIntegration(integration, 3);
    expect(received.filter((payload) => payload.where.userId === userId)).toHaveLength(1);
  });
});
