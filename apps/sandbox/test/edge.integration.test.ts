import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge } from '../src/edge';
import { ARRIVED_AT_HEADER, arrivalStamp } from '../src/http/arrival';
import { control, get, readJson, useSandbox } from './support/harness';
import { tiktokToken } from './support/tokens';

const headers = (value: string | undefined) =>
  ({ headers: value === undefined ? {} : { [ARRIVED_AT_HEADER]: value } }) as IncomingMessage;

/** A port nothing listens on: bound, read, then closed again. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

describe('arrivalStamp', () => {
  it("takes the edge's stamp, and now when there is none, it is not a number, or it lies in the future", () => {
    expect(arrivalStamp(headers('1000.5'), 2_000)).toBe(1000.5);
    expect(arrivalStamp(headers(undefined), 2_000)).toBe(2_000);
    expect(arrivalStamp(headers('soon'), 2_000)).toBe(2_000);
    expect(arrivalStamp(headers('2001'), 2_000)).toBe(2_000);
    expect(arrivalStamp(headers('-5'), 2_000)).toBe(2_000);
  });
});

describe('the edge in front of the sandbox', () => {
  const env = useSandbox();
  let edge: Awaited<ReturnType<typeof startEdge>>;
  beforeAll(async () => {
    edge = await startEdge({ upstreamUrl: env.url, port: 0 });
  });
  afterAll(async () => {
    await edge.close();
  });

  const advertisers = (url: string, token: string, stamp?: number) =>
    fetch(`${url}/business-api.tiktok.com/open_api/v1.3/oauth2/advertiser/get/?app_id=tt-app&secret=s`, {
      headers: { 'access-token': token, ...(stamp !== undefined && { [ARRIVED_AT_HEADER]: String(stamp) }) },
    });
  const meterEntry = async (token: string) => {
    const credentials = get(await readJson(await control(env.url, 'meter')), 'credentials') as Array<
      Record<string, unknown>
    >;
    return credentials.find((entry) => (entry.accessTokens as string[]).includes(token));
  };

  it('meters a request at its stamped arrival, on the sandbox clock', async () => {
    await control(env.url, 'meter', { method: 'DELETE' });
    const token = await tiktokToken(env.url);
    const { offsetMs } = (await readJson(await control(env.url, 'clock'))) as { offsetMs: number };
    const stamp = Date.now() - 3_000;
    expect((await advertisers(env.url, token, stamp)).status).toBe(200);
    expect((await meterEntry(token))?.firstAt).toBe(stamp + offsetMs);
  });

  it('forwards requests and answers unchanged, stamping them as they reach it', async () => {
    await control(env.url, 'meter', { method: 'DELETE' });
    const token = await tiktokToken(edge.url);
    const { offsetMs } = (await readJson(await control(edge.url, 'clock'))) as { offsetMs: number };
    const before = Date.now();
    const throughEdge = await advertisers(edge.url, token);
    const after = Date.now();
    const direct = await advertisers(env.url, token);
    expect(throughEdge.status).toBe(200);
    expect(throughEdge.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(await readJson(throughEdge)).toEqual(await readJson(direct));
    const firstAt = Number((await meterEntry(token))?.firstAt);
    expect(firstAt).toBeGreaterThanOrEqual(before + offsetMs);
    expect(firstAt).toBeLessThanOrEqual(after + offsetMs);
  });
  it('lets a client give up on a held answer and goes on serving', async () => {
    const token = await tiktokToken(edge.url);
    await control(edge.url, 'faults', { method: 'POST', body: { kind: 'timeout', count: 1 } });
    const held = fetch(
      `${edge.url}/business-api.tiktok.com/open_api/v1.3/oauth2/advertiser/get/?app_id=tt-app&secret=s`,
      {
        headers: { 'access-token': token },
        signal: AbortSignal.timeout(200),
      },
    );
    await expect(held).rejects.toThrow(/timeout|aborted/i);
    expect((await advertisers(edge.url, token)).status).toBe(200);
  });

  it('answers 502 when nothing serves behind it', async () => {
    const orphan = await startEdge({ upstreamUrl: `http://127.0.0.1:${await closedPort()}`, port: 0 });
    try {
      const response = await fetch(`${orphan.url}/__sandbox/health`);
      expect(response.status).toBe(502);
      expect(await readJson(response)).toEqual({
        error: { message: 'the sandbox behind the edge did not answer' },
      });
    } finally {
      await orphan.close();
    }
  });
});
