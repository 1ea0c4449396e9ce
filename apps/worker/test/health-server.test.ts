import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHealthServer } from '../src/health/health-server';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

async function serve(
  checks: Parameters<typeof createHealthServer>[0],
  shuttingDown = false,
  metrics?: Parameters<typeof createHealthServer>[2],
) {
  const server = createHealthServer(checks, () => shuttingDown, metrics);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('worker health server', () => {
  it('answers liveness and readiness when every check passes', async () => {
    const url = await serve({ redis: async () => {} });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: 'ok' } });
  });

  it('answers 503 naming the failing check', async () => {
    const url = await serve({
      redis: async () => {},
      firestore: async () => {
        throw new Error('emulator unreachable');
      },
    });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { firestore: 'emulator unreachable', redis: 'ok' } });
  });

  it('reports not ready while shutting down', async () => {
    const url = await serve({}, true);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
  });

  it('serves the metrics exposition at /metrics, and a 500 without details when collecting fails', async () => {
    let fail = false;
    const url = await serve({}, false, async () => {
      if (fail) throw new Error('redis://secret@host unreachable');
      return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'cohorts_up 1\n' };
    });
    const scraped = await fetch(`${url}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await scraped.text()).toBe('cohorts_up 1\n');
    fail = true;
    const failed = await fetch(`${url}/metrics`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('secret');
  });
});
