import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A request as every handler sees it: the platform host from the path prefix, the rest of the path. */
export interface SandboxRequest {
  method: string;
  /** The real platform host the client addressed (`graph.facebook.com`), from the first path segment. */
  host: string;
  /** The path below the host, percent-decoded (`/v23/customers/123/googleAds:searchStream`). */
  path: string;
  /** The query string exactly as sent, without `?` (LinkedIn's Rest.li syntax needs it raw). */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `http://127.0.0.1:4010`: how the client reached the sandbox, for absolute URLs handed out. */
  origin: string;
  /** When it arrived, in real epoch ms (stamped by the edge when it came through one: `edge.ts`). */
  arrivedAtMs: number;
}

/** What a handler answers. `hold` keeps the connection open without answering (the `timeout` fault). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  hold?: boolean;
}

export function header(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function htmlReply(status: number, html: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

export function textReply(status: number, text: string, contentType = 'text/plain; charset=utf-8'): Reply {
  return { status, headers: { 'content-type': contentType }, body: text };
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: '' };
}

/** The body as form fields (`application/x-www-form-urlencoded`), also accepting JSON objects of strings. */
export function formFields(request: SandboxRequest): URLSearchParams {
  const type = header(request, 'content-type') ?? '';
  const text = request.body.toString('utf8');
  if (type.includes('application/json')) {
    const parsed = parseJson(text);
    const fields = new URLSearchParams();
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === 'string' || typeof value === 'number') fields.set(key, String(value));
      }
    }
    return fields;
  }
  return new URLSearchParams(text);
}

/** Parses JSON, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A stable id for a response's content: the same answer twice carries the same request id. */
export function contentId(value: unknown, length = 22): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, length);
}
