import { Agent, createServer, request as forward } from 'node:http';
import { ARRIVED_AT_HEADER } from './http/arrival';

interface RunningEdge {
  url: string;
  close(): Promise<void>;
}

/**
 * A pass-through in front of the sandbox that stamps each request's arrival (`ARRIVED_AT_HEADER`)
 * and forwards it as it is. It does nothing else, so its event loop takes each request as it comes:
 * the sandbox's own loop can be busy for tens of ms building a 90-day report, and a platform's
 * front end stamps arrivals without waiting for its report builders either. Run it in a process of
 * its own (`edge-main.ts`).
 */
export async function startEdge(options: {
  upstreamUrl: string;
  port: number;
  host?: string;
}): Promise<RunningEdge> {
  const upstream = new URL(options.upstreamUrl);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((incoming, response) => {
    const arrivedAt = performance.timeOrigin + performance.now();
    const outgoing = forward(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, [ARRIVED_AT_HEADER]: arrivedAt.toFixed(3) },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('error', () => response.destroy());
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => {
      // Half an answer cannot be mended: cut the connection so the client sees a network error.
      if (response.headersSent) response.destroy();
      else
        response
          .writeHead(502, { 'content-type': 'application/json' })
          .end('{"error":{"message":"the sandbox behind the edge did not answer"}}');
    });
    // A client that gives up (the `timeout` fault holds its answer) releases the upstream request.
    response.on('close', () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    incoming.on('error', () => outgoing.destroy());
    incoming.pipe(outgoing);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the edge is not listening on TCP');
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
