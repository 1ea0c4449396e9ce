import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type RouteHandler = (request: Request) => Response | Promise<Response>;
type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', RouteHandler>>;

export interface MountedRoute {
  /** `/api/metrics` (exact) or `/api/trpc/*` (prefix). */
  path: string;
  module: RouteModule;
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

function matches(route: MountedRoute, pathname: string): boolean {
  if (route.path.endsWith('/*'))
    return pathname.startsWith(route.path.slice(0, -1)) || pathname === route.path.slice(0, -2);
  return pathname === route.path;
}

function toRequest(req: IncomingMessage, base: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  // Streamed, as Next hands it over: a handler reads only as much of the body as it chooses to.
  const init: RequestInit & { duplex: 'half' } = {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? null : bodyStream(req),
    signal,
    duplex: 'half',
  };
  return new Request(new URL(req.url ?? '/', base), init);
}

/** The request body, pulled chunk by chunk as the handler reads it. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value));
    },
  });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

/**
 * A real HTTP server in front of the app's own route handlers (the same modules Next.js serves),
 * so tests go over sockets, headers, cookies and streamed bodies, without a Next build. A client
 * that hangs up aborts the request's signal, as in Next, which is what ends a subscription.
 */
export async function startTestServer(routes: readonly MountedRoute[]): Promise<TestServer> {
  const server = createServer((req, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;
    const pathname = new URL(req.url ?? '/', base).pathname;
    const route = routes.find((r) => matches(r, pathname));
    const handler = route?.module[(req.method ?? 'GET') as keyof RouteModule];
    void (async () => {
      try {
        if (!route) return send(Response.json({ error: 'no such route' }, { status: 404 }), res);
        if (!handler) return send(new Response(null, { status: 405 }), res);
        await send(await handler(toRequest(req, base, abort.signal)), res);
      } catch (error) {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
