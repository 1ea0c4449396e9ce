import { bullBoardApp } from '@/server/queues/bull-board';

// Bull Board reads its UI from disk: Node runtime, never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `/admin/queues`: Bull Board, for admins only. */
function handler(request: Request): Promise<Response> {
  return Promise.resolve(bullBoardApp().fetch(request));
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
