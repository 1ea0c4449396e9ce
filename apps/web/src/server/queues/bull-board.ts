import 'server-only';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { queueNames } from '@cohorts/core';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import { callerOf } from '../auth';
import { presentedCredential } from '../auth/credentials';
import { errorBody, isAuthError } from '../auth/errors';
import { requireAdmin } from '../auth/guards';
import { crossSiteReason } from '../auth/session';
import { webEnv } from '../env';
import { redis } from '../services';

export const bullBoardBasePath = '/admin/queues';

/** The queues an operator watches: sync, scheduler, reconciler and alerts. */
export const boardQueueNames = [
  queueNames.sync,
  queueNames.scheduler,
  queueNames.reconciler,
  queueNames.alerts,
];

interface BoardHolder {
  app?: Hono;
  queues?: Queue[];
}
const holderKey = Symbol.for('cohorts.web.bullBoard');
type GlobalWithBoard = typeof globalThis & { [holderKey]?: BoardHolder };

function holder(): BoardHolder {
  const g = globalThis as GlobalWithBoard;
  g[holderKey] ??= {};
  return g[holderKey];
}

/**
 * Bull Board behind an admin check, as a Hono app (Bull Board has no Next.js adapter; the catch-all
 * route hands every request under the base path to this app). Browsers authenticate with the
 * session cookie; a cookie-authenticated change (retry, clean...) must come from this site.
 */
export function bullBoardApp(): Hono {
  const h = holder();
  if (h.app) return h.app;
  const prefix = webEnv().REDIS_PREFIX;
  h.queues = boardQueueNames.map((name) => new Queue(name, { connection: redis(), prefix }));

  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(bullBoardBasePath);
  createBullBoard({
    queues: h.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    // The UI's files are found by @bull-board/api itself: it is a server-external package (see
    // next.config.ts), so Node's own require resolves them, not the bundler.
    options: { uiConfig: { boardTitle: 'Cohorts queues' } },
  });

  const app = new Hono();
  app.use(`${bullBoardBasePath}/*`, async (c, next) => {
    try {
      requireAdmin(await callerOf(c.req.raw));
    } catch (error) {
      if (isAuthError(error)) return c.json(errorBody(error.code, error.message), error.status);
      throw error;
    }
    if (c.req.method !== 'GET' && presentedCredential(c.req.raw.headers).kind === 'session-cookie') {
      const refused = crossSiteReason(c.req.raw, false);
      if (refused) return c.json(errorBody('forbidden', refused), 403);
    }
    return next();
  });
  app.route(bullBoardBasePath, serverAdapter.registerPlugin());
  h.app = app;
  return app;
}

export async function closeBullBoard(): Promise<void> {
  const h = holder();
  await Promise.all((h.queues ?? []).map((queue) => queue.close()));
  h.app = undefined;
  h.queues = undefined;
}
