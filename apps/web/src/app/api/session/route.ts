import {
  authErrorResponse,
  CreateSessionBodySchema,
  clearedSessionCookieHeader,
  createSessionCookie,
  crossSiteReason,
  errorResponse,
  isAuthError,
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
    const cookie = await createSessionCookie(firebaseAuth(), body.data.idToken, env.INTEGRATIONS_CRON_SECRET);
    return Response.json(
      { session: 'created' },
      { headers: { 'set-cookie': sessionCookieHeader(cookie, env.NODE_ENV === 'production') } },
    );
  } catch (error) {
    if (isAuthError(error)) return authErrorResponse(error);
    throw error;
  }
}

/** Signs the browser out: the session cookie is cleared. */
export function DELETE(request: Request): Response {
  const refused = crossSiteReason(request, false);
  if (refused) return errorResponse(403, 'forbidden', refused);
  return Response.json(
    { session: 'cleared' },
    { headers: { 'set-cookie': clearedSessionCookieHeader(webEnv().NODE_ENV === 'production') } },
  );
}
