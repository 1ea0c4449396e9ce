import { createHash, timingSafeEqual } from 'node:crypto';

/** The session cookie's name. `__session` is the one name Firebase Hosting forwards to the app. */
export const sessionCookieName = '__session';

const cronKeyHeader = 'x-cron-key';

/** The credential a request carries, read from its headers; nothing is verified here. */
export type PresentedCredential =
  | { kind: 'none' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'id-token'; token: string }
  | { kind: 'session-cookie'; cookie: string }
  | { kind: 'cron-key'; key: string };

const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/**
 * Picks the credential of a request. Precedence: the cron key, then `Authorization`, then the
 * session cookie; a request that sends a malformed header is refused rather than silently
 * falling back to a cookie, so a client bug is visible.
 */
export function presentedCredential(headers: Headers): PresentedCredential {
  const cronKey = headers.get(cronKeyHeader);
  if (cronKey !== null) return { kind: 'cron-key', key: cronKey };
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = bearer.exec(authorization.trim());
    if (!match?.[1]) {
      return {
        kind: 'malformed',
        reason: 'the Authorization header must be "Bearer <Firebase ID token>"',
      };
    }
    return { kind: 'id-token', token: match[1] };
  }
  const cookie = readCookie(headers.get('cookie'), sessionCookieName);
  if (cookie) return { kind: 'session-cookie', cookie };
  return { kind: 'none' };
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Compares a presented cron key with the configured one in constant time. Both are hashed first,
 * so neither the key's length nor its prefix leaks through timing.
 */
export function cronKeyMatches(presented: string, configured: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(configured, 'utf8').digest();
  return timingSafeEqual(a, b);
}
