import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { errorResponse } from '@/server/auth/errors';
import { cookieWriteRefusal } from '@/server/auth/session';
import { knownProblem } from '@/server/errors';
import { bodyLimits, withCappedBody } from '@/server/http/body-limit';
import { appRouter } from '@/server/trpc/app-router';
import { createTrpcContext } from '@/server/trpc/context';
import { trpcMaxBatchSize } from '@/shared/trpc-limits';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Every procedure takes JSON. tRPC itself would also try to read form bodies (multipart or
 * url-encoded) and answer a vague 400 "Failed to parse body as FormData"; say 415 and what to send.
 */
function unsupportedMediaType(request: Request): Response | null {
  const type = request.headers.get('content-type');
  if (request.method !== 'POST' || type === null || /^application\/json\b/i.test(type)) return null;
  const message = 'send the input as JSON (Content-Type: application/json)';
  return Response.json(
    { error: { message, code: -32015, data: { code: 'UNSUPPORTED_MEDIA_TYPE', httpStatus: 415 } } },
    { status: 415 },
  );
}

function handler(request: Request): Promise<Response> | Response {
  const unsupported = unsupportedMediaType(request);
  if (unsupported) return unsupported;
  const refused = cookieWriteRefusal(request);
  if (refused) return errorResponse(403, 'forbidden', refused);
  return answer(request);
}

async function answer(received: Request): Promise<Response> {
  const capped = await withCappedBody(received, bodyLimits.trpc);
  if (!capped.ok) return capped.response;
  const request = capped.request;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    // Each call of a batch reads from Firestore: a batch of hundreds would be one request's worth of abuse.
    maxBatchSize: trpcMaxBatchSize,
    createContext: () => createTrpcContext(request),
    // A per-user limit (429) says when to retry in the header too, as the REST routes do.
    responseMeta({ errors }) {
      const retryAfter = errors
        .map((error) => knownProblem(error.cause)?.retryAfterSeconds)
        .find((seconds) => seconds !== undefined);
      return retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } };
    },
    onError({ error, path }) {
      // Our own failures are logged here; callers only ever see a plain "something went wrong".
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`tRPC ${path ?? '?'} failed`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
