import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertPayload } from '@cohorts/core';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** A local alert webhook on port 0 that records what it receives; `failNext` answers 500 that many times. */
export async function startWebhookReceiver() {
  const received: AlertPayload[] = [];
  const state = { requests: 0, failNext: 0 };
  const server = createServer(async (request, response) => {
    state.requests += 1;
    const body = await readBody(request);
    if (state.failNext > 0) {
      state.failNext -= 1;
      response.writeHead(500).end();
      return;
    }
    received.push(JSON.parse(body) as AlertPayload);
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
