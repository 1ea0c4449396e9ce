import 'server-only';
import { HonoAdapter } from '@bull-board/hono';
import { createQueueBoard, type QueueBoard } from '@cohorts/bull-board';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { callerOf } from '../auth';
import { errorBody, isAuthError } from '../auth/errors';
import { requireAdmin } from '../auth/guards';
import { cookieWriteRefusal } from '../auth/session';
import { webEnv } from '../env';
import { bullBoard, redis } from '../services';

const bullBoardBasePath = '/admin/queues';

/** The guarded app and the queues it shows (kept in the server's container, closed with it). */
export interface BullBoard {
  app: Hono;
  board: QueueBoard;
}

/**
 * Bull Board behind an admin check, as a Hono app (Bull Board has no Next.js adapter; the catch-all
 * route hands every request under the base path to this app). Browsers authenticate with the
 * session cookie; a cookie-authenticated change (retry, clean...) must come from this site.
 */
export function bullBoardApp(): Hono {
  return bullBoard(buildBullBoard).app;
}

function buildBullBoard(): BullBoard {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(bullBoardBasePath);
  // The sync, scheduler, reconciler and alerts queues. No uiBasePath: @bull-board/api finds its UI
  // through Node's require, as a server-external package (next.config.ts).
  const board = createQueueBoard({ connection: redis(), prefix: webEnv().REDIS_PREFIX, serverAdapter });

  const app = new Hono();
  app.use(`${bullBoardBasePath}/*`, async (c, next) => {
    try {
      requireAdmin(await callerOf(c.req.raw));
    } catch (error) {
      if (isAuthError(error)) return c.json(errorBody(error.code, error.message), error.status);
      throw error;
    }
    const refused = cookieWriteRefusal(c.req.raw);
    if (refused) return c.json(errorBody('forbidden', refused), 403);
    return next();
  });
  app.route(bullBoardBasePath, serverAdapter.registerPlugin());
  return { app, board };
}
