import { type ChildProcess, spawn } from 'node:child_process';
import { freePort, waitFor } from '@cohorts/test-harness';
import { Redis } from 'ioredis';

/**
 * A private redis-server for tests that must FLUSHALL (never the shared 6379). No persistence;
 * stopped by `stop()`, which kills only this child process.
 */
export async function startOwnRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  let spawnError: Error | null = null;
  child.once('error', (error) => {
    spawnError = new Error(`cannot start redis-server (needed on PATH for this test): ${error.message}`);
  });
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {}); // refused until the server is up: expected while polling
  await waitFor(
    async () => {
      if (spawnError) throw spawnError;
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return false;
      }
    },
    { timeoutMs: 10_000, what: 'own redis-server' },
  );
  probe.disconnect();
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
