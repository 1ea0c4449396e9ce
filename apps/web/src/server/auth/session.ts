import type { Auth } from 'firebase-admin/auth';
import { z } from 'zod';
import { presentedCredential, sessionCookieName } from './credentials';
import { UnauthenticatedError } from './errors';
import { verifyIdToken } from './resolve-caller';

/** Five days: long enough for a working week, short enough that a stolen cookie goes stale. */
const sessionMaxAgeMs = 5 * 24 * 60 * 60 * 1000;

export const CreateSessionBodySchema = z.object({
  idToken: z.string({ error: 'required: the Firebase ID token of the signed-in user' }).min(1, {
    error: 'must not be empty',
  }),
});

/**
 * A request that may change the session must come from this site's own pages: a JSON body (a
 * cross-site form cannot send one without a CORS preflight this app never grants) and, when the
 * browser says where it came from, the same origin. Returns a reason when it does not.
 */
export function crossSiteReason(request: Request, requireJson: boolean): string | null {
  if (requireJson) {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) return 'send the body as JSON (Content-Type: application/json)';
  }
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return 'session changes are accepted only from this site';
  }
  const origin = request.headers.get('origin');
  if (origin !== null) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost === null || originHost !== host) return 'session changes are accepted only from this site';
  }
  return null;
}

/**
 * Why a state change riding on the session cookie is refused (null when it may go on): the browser
 * attaches the cookie on its own, so such a change must come from this site (CSRF). A bearer token or
 * the cron key is sent deliberately, and a GET changes nothing.
 */
export function cookieWriteRefusal(request: Request): string | null {
  if (request.method === 'GET' || presentedCredential(request.headers).kind !== 'session-cookie') return null;
  return crossSiteReason(request, false);
}

/** A session may only be started from a fresh sign-in (Firebase's advice for session cookies). */
const sessionSignInMaxAgeMs = 5 * 60 * 1000;

/**
 * Verifies the ID token, then exchanges it for a session cookie value. The sign-in behind the
 * token must be recent, so an ID token that leaked (they live an hour) cannot become a 5-day session.
 * Firebase stamps `auth_time` by the real clock, so this compares with the system's time, never the
 * product's (possibly pinned) `Clock`.
 */
export async function createSessionCookie(auth: Auth, idToken: string, now = new Date()): Promise<string> {
  // Verify first so a bad token reads as 401 in our words, not as a firebase-admin error.
  const decoded = await verifyIdToken(auth, idToken);
  if (now.getTime() - decoded.auth_time * 1000 > sessionSignInMaxAgeMs) {
    throw new UnauthenticatedError(
      'sign in again to start a session: the sign-in must be from the last 5 minutes',
    );
  }
  try {
    return await auth.createSessionCookie(idToken, { expiresIn: sessionMaxAgeMs });
  } catch (error) {
    if (
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      error.code === 'auth/invalid-id-token'
    ) {
      throw new UnauthenticatedError('the ID token is not valid');
    }
    throw error;
  }
}

export function sessionCookieHeader(value: string, secure: boolean): string {
  return [
    `${sessionCookieName}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${Math.floor(sessionMaxAgeMs / 1000)}`,
    'HttpOnly',
    // Lax: the cookie still rides top-level navigations back from an OAuth consent page.
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookieHeader(secure: boolean): string {
  return [
    `${sessionCookieName}=`,
    'Path=/',
    'Max-Age=0',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
