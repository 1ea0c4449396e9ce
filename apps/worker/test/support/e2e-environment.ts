import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdIntegration, firestoreFor, type ProviderId, queueNames, TokenVault } from '@cohorts/core';
import { type Clock, clockStartingAt } from '@cohorts/core/clock';
import { type AdPlatformConnector, createConnectors, createLimiterRedis } from '@cohorts/providers';
import { startSandbox } from '@cohorts/sandbox';
import {
  linkThroughSandbox,
  sandboxLogins,
  sandboxOAuthApps,
  sandboxOAuthEnv,
  testEncryptionKeys,
} from '@cohorts/sync/testing';
import { redisUrl, startSandboxProcess, uniqueRedisPrefix } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';

/** What an end-to-end test shares with the worker processes it spawns. */
export interface E2eEnvironment {
  db: Firestore;
  vault: TokenVault;
  /** The sandbox, reached over HTTP only (its control routes under `/__sandbox/`). */
  sandbox: { url: string; close(): Promise<void> };
  connectors: Record<ProviderId, AdPlatformConnector>;
  /** The sync queue under this run's Redis prefix. */
  queue: Queue;
  /** The run's clock: the sandbox, this process's connectors and the workers (CLOCK_START_AT) start at one instant. */
  clock: Clock;
  /** The environment of a worker process of this run (add its own knobs on top). */
  workerEnv: Record<string, string>;
  /** Links a user to a platform through the sandbox's consent page (as Ada unless told), at the run's clock. */
  link(userId: string, providerId: ProviderId, login?: string): Promise<AdIntegration>;
  close(): Promise<void>;
}

/**
 * The sandbox, a Firestore project of its own (the workers' scheduler and reconciler see only this
 * run's data), a unique Redis prefix and a raw-payload directory, for tests that spawn workers.
 * Everything's clock starts at `clockStartAt` (default: an ordinary noon UTC), so a run's dates do
 * not depend on the hour it happens at.
 */
export async function startE2eEnvironment(
  label: string,
  clockStartAt = '2026-11-18T12:00:00Z',
  options: {
    redisUrl?: string;
    /** Serve the sandbox from a process of its own (default: in this one). */
    sandboxInOwnProcess?: boolean;
  } = {},
): Promise<E2eEnvironment> {
  const projectId = `demo-${label}-${randomBytes(4).toString('hex')}`;
  const keys = testEncryptionKeys();
  const prefix = uniqueRedisPrefix(label);
  const url = options.redisUrl ?? redisUrl();
  const redisAddress = new URL(url);
  const connection = { host: redisAddress.hostname, port: Number(redisAddress.port || 6379) };
  const sandbox = options.sandboxInOwnProcess
    ? await startSandboxProcess({ clockStartAt })
    : await startSandbox({ port: 0, clockStartAt });
  const clock = clockStartingAt(clockStartAt);
  const limiterRedis = createLimiterRedis(url);
  const queue = new Queue(queueNames.sync, { connection, prefix });
  const rawDir = await mkdtemp(join(tmpdir(), `${label}-raw-`));
  const db = firestoreFor(projectId);
  const vault = new TokenVault(keys);
  const connectors = createConnectors({
    apps: sandboxOAuthApps(),
    sandboxUrl: sandbox.url,
    redis: limiterRedis,
    clock,
  });
  return {
    db,
    vault,
    sandbox,
    connectors,
    queue,
    clock,
    workerEnv: {
      ...sandboxOAuthEnv(),
      FIREBASE_PROJECT_ID: projectId,
      TOKEN_ENCRYPTION_KEYS: keys,
      REDIS_URL: url,
      REDIS_PREFIX: prefix,
      ADS_SANDBOX_URL: sandbox.url,
      RAW_PAYLOAD_DIR: rawDir,
      LOG_LEVEL: 'info',
      CLOCK_START_AT: clockStartAt,
    },
    link(userId, providerId, login = sandboxLogins.ada) {
      const connector = connectors[providerId];
      return linkThroughSandbox({ db, vault, connector, userId, login, now: clock.now() });
    },
    async close() {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      limiterRedis.disconnect();
      await sandbox.close();
      await rm(rawDir, { recursive: true, force: true });
    },
  };
}
