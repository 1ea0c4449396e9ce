import { errorResponse } from '../auth/errors';

/**
 * The largest request body each kind of route takes, in bytes. App Router handlers have no limit of
 * their own, and every input here is a handful of ids and dates, so a few KB is plenty; a larger
 * body is refused before it is buffered.
 */
export const bodyLimits = {
  /** REST routes and `POST /api/session` (an ID token is ~1 KB). */
  rest: 8 * 1024,
  /** tRPC, up to a batch of calls. */
  trpc: 64 * 1024,
  /** Bull Board's retry/clean/promote calls. */
  bullBoard: 16 * 1024,
} as const;

export type CappedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; response: Response };

function tooLarge(limitBytes: number): CappedBody {
  const limit = limitBytes % 1024 === 0 ? `${limitBytes / 1024} KB` : `${limitBytes} bytes`;
  return {
    ok: false,
    response: errorResponse(413, 'payload_too_large', `body: must be at most ${limit} for this route`),
  };
}

/**
 * Reads the body, at most `limitBytes` of it: a declared `Content-Length` over the limit is refused
 * before any of it is read, and a body that streams past the limit is cancelled there.
 */
export async function readCappedBody(request: Request, limitBytes: number): Promise<CappedBody> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limitBytes) return tooLarge(limitBytes);
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * The same request with its body read under the cap, for handlers that read the body themselves
 * (tRPC, Bull Board). Requests without a body pass through untouched.
 */
export async function withCappedBody(
  request: Request,
  limitBytes: number,
): Promise<{ ok: true; request: Request } | { ok: false; response: Response }> {
  if (request.method === 'GET' || request.method === 'HEAD') return { ok: true, request };
  const body = await readCappedBody(request, limitBytes);
  if (!body.ok) return body;
  return {
    ok: true,
    request: new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: body.bytes.byteLength > 0 ? body.bytes : null,
      signal: request.signal,
    }),
  };
}
