import {
  authErrorResponse,
  type Caller,
  CreateSessionBodySchema,
  callerOf,
  clearedSessionCookieHeader,
  createSessionCookie,
  crossSiteReason,
  errorResponse,
  isAuthError,
  isSignedIn,
  sessionCookieHeader,
} from '@/server/auth';
import { webEnv } from '@/server/env';
import { readJsonBody } from '@/server/http/request';
import { firebaseAuth } from '@/server/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Exchanges a Firebase ID token for an HttpOnly session cookie (how the browser authenticates SSE and Bull Board). */
export async function POST(request: Request): Promise<Response> {
  const refused = crossSiteReason(request, true);
  if (refused) return errorResponse(403, 'forbidden', refused);
  const body = await readJsonBody(request, CreateSessionBodySchema);
  if (!body.ok) return body.response;
  const env = webEnv();
  try {
    const cookie = await createSessionCookie(firebaseAuth(), body.data.idToken);
    return Response.json(
      { session: 'created' },
      { headers: { 'set-cookie': sessionCookieHeader(cookie, env.NODE_ENV === 'production') } },
    );
  } catch (error) {
    if (isAuthError(error)) return authErrorResponse(error);
    throw error;
  }
}

/**
 * Signs out everywhere: revokes the user's refresh tokens, so every session cookie of the account
 * (a copy included) is refused from now on (session cookies are verified with the revocation check),
 * then clears this browser's cookie. A request without a valid credential only clears the cookie.
 */
export async function DELETE(request: Request): Promise<Response> {
  const refused = crossSiteReason(request, false);
  if (refused) return errorResponse(403, 'forbidden', refused);
  const cleared = { 'set-cookie': clearedSessionCookieHeader(webEnv().NODE_ENV === 'production') };
  let caller: Caller | null;
  try {
    caller = await callerOf(request);
  } catch (error) {
    // Expired, revoked or forged: nothing to revoke, but the browser still drops the cookie.
    if (!isAuthError(error)) throw error;
    caller = null;
  }
  if (caller && isSignedIn(caller)) {
    try {
      await firebaseAuth().revokeRefreshTokens(caller.uid);
    } catch (error) {
      console.error('revoking refresh tokens at sign-out failed', error);
      return errorResponse(
        503,
        'unavailable',
        'signed out of this browser, but your other sessions could not be ended: sign out again shortly',
        cleared,
      );
    }
  }
  return Response.json({ session: 'cleared' }, { headers: cleared });
}
