import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/trpc/app-router';
import { createTrpcContext } from '@/server/trpc/context';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function handler(request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createTrpcContext(request),
    onError({ error, path }) {
      // Our own failures are logged here; callers only ever see a plain "something went wrong".
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`tRPC ${path ?? '?'} failed`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
