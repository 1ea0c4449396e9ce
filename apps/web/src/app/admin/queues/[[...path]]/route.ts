import { bodyLimits, withCappedBody } from '@/server/http/body-limit';
import { bullBoardApp } from '@/server/queues/bull-board';

// Bull Board reads its UI from disk: Node runtime, never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `/admin/queues`: Bull Board, for admins only. */
async function handler(request: Request): Promise<Response> {
  const capped = await withCappedBody(request, bodyLimits.bullBoard);
  if (!capped.ok) return capped.response;
  return bullBoardApp().fetch(capped.request);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
