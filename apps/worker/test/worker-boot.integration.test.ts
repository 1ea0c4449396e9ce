import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, testRedis, uniqueRedisPrefix, waitForHttp } from '@cohorts/test-harness';
import { describe, expect, it, onTestFinished } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function bootWorker(env: Record<string, string>) {
  const child = spawn(tsx, [main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const validEnv = {
  TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  OAUTH_STATE_SECRET: 's'.repeat(40),
  LOG_LEVEL: 'warn',
  // Never the shared dev prefix: this worker must not take anyone else's jobs.
  REDIS_PREFIX: uniqueRedisPrefix('boot'),
  // And a Firestore project of its own, for its scheduler and reconciler.
  FIREBASE_PROJECT_ID: `demo-boot-${Date.now().toString(36)}`,
};

describe('worker process', () => {
  it('boots with validated config, is ready against real Redis and Firestore, and stops on SIGTERM', async () => {
    const port = await freePort();
    const worker = bootWorker({ ...validEnv, WORKER_HEALTH_PORT: String(port) });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/readyz`, 30_000, () => worker.child.exitCode === null);
      const body = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
      expect(body).toEqual({ status: 'ready', checks: { redis: 'ok', firestore: 'ok', workers: 'ok' } });
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect(await worker.exited).toBe(0);
  });

  it('refuses to start on invalid config and says which variable is wrong', async () => {
    const worker = bootWorker({ ...validEnv, TOKEN_ENCRYPTION_KEYS: 'nope', REDIS_URL: 'http://x' });
    expect(await worker.exited).toBe(78);
    expect(worker.output()).toMatch(/TOKEN_ENCRYPTION_KEYS: must be keyId:base64/);
    expect(worker.output()).toMatch(/REDIS_URL: must be a redis:\/\//);
  });

  it('refuses development settings in production with exit 78 before connecting to anything', async () => {
    const redisPrefix = uniqueRedisPrefix('prod-refused');
    const worker = bootWorker({
      ...validEnv,
      REDIS_PREFIX: redisPrefix,
      NODE_ENV: 'production',
      FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080',
    });
    // A worker that wrongly starts must not outlive the test.
    onTestFinished(() => {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    });
    expect(await worker.exited).toBe(78);
    expect(worker.output()).toMatch(/FIRESTORE_EMULATOR_HOST: must not be set when NODE_ENV=production/);
    // It never reached Redis: no queue of its prefix exists.
    const redis = testRedis();
    try {
      expect(await redis.keys(`${redisPrefix}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
