import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { controlApi } from './control/control-api';
import { dispatchPlatform } from './dispatch';
import { arrivalStamp } from './http/arrival';
import { jsonReply, type Reply, type SandboxRequest } from './http/types';
import { platformByHost } from './platforms';
import { SandboxState } from './state';

const MAX_BODY_BYTES = 1_000_000;
const CONTROL_PREFIX = '__sandbox';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /**
   * Where the sandbox clock starts (ISO instant; it runs on from there). Tests pin the calendar with
   * it so "today" in every account's time zone is the one they chose. Default: real time.
   */
  clockStartAt?: string | Date;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT`: the `ADS_SANDBOX_URL` for connectors. */
  url: string;
  /** The sandbox's memory, for in-process tests that want to look inside. */
  state: SandboxState;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Splits `/{host}/{path}?{query}` into the platform host and the real path. */
function parseTarget(rawUrl: string): { host: string; path: string; rawQuery: string } | undefined {
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
  const match = /^\/([^/]+)(\/.*)?$/.exec(rawPath);
  if (!match) return undefined;
  try {
    return { host: decodeURIComponent(match[1] ?? ''), path: decodeURIComponent(match[2] ?? '/'), rawQuery };
  } catch {
    return undefined;
  }
}

async function handle(state: SandboxState, incoming: IncomingMessage): Promise<Reply> {
  const arrivedAtMs = arrivalStamp(incoming, Date.now());
  const target = parseTarget(incoming.url ?? '/');
  if (!target) return jsonReply(400, { error: { message: 'malformed request path' } });
  let body: Buffer;
  try {
    body = await readBody(incoming);
  } catch (error) {
    if (error instanceof BodyTooLarge)
      return jsonReply(413, { error: { message: 'request body over 1 MB' } });
    throw error;
  }
  const request: SandboxRequest = {
    method: incoming.method ?? 'GET',
    host: target.host,
    path: target.path,
    rawQuery: target.rawQuery,
    query: new URLSearchParams(target.rawQuery),
    headers: incoming.headers,
    body,
    origin: `http://${incoming.headers.host ?? '127.0.0.1'}`,
    arrivedAtMs,
  };
  if (target.host === CONTROL_PREFIX) return controlApi(request, state);
  const platform = platformByHost.get(target.host);
  if (!platform) {
    return jsonReply(404, {
      error: {
        message: `No platform host "${target.host}". URLs look like {sandbox}/{real-host}/{real-path}.`,
        hosts: [...platformByHost.keys()],
      },
    });
  }
  return dispatchPlatform(platform, request, state);
}

function send(response: ServerResponse, reply: Reply): void {
  response.writeHead(reply.status, reply.headers);
  response.end(reply.body ?? '');
}

function startInstantMs(at: string | Date | undefined): number | undefined {
  if (at === undefined) return undefined;
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`clockStartAt is not an instant: ${String(at)}`);
  return ms;
}

/** Starts a sandbox with its own state. Every real platform host is served under `/{host}/...`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const state = new SandboxState({ clockStartAtMs: startInstantMs(options.clockStartAt) });
  const server = createServer((incoming, response) => {
    handle(state, incoming)
      .then((reply) => {
        // The `timeout` fault: say nothing until the client gives up (or the sandbox closes).
        if (reply.hold) return;
        send(response, reply);
      })
      .catch((error: unknown) => {
        process.stderr.write(
          `sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        if (!response.headersSent)
          send(response, jsonReply(500, { error: { message: 'sandbox internal error' } }));
      });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the sandbox is not listening on TCP');
  const { port } = address;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
