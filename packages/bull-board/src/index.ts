import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { queueNames } from '@cohorts/core/jobs';
import { type ConnectionOptions, Queue } from 'bullmq';

/** What each queue holds, shown in the board. */
const descriptions: Record<keyof typeof queueNames, string> = {
  sync: 'One job per sync; the job id is the Firestore syncJobs document id',
  scheduler: 'Scheduler tick: fans due integrations out into sync jobs',
  reconciler: 'Keeps Redis consistent with Firestore (re-adds lost jobs, settles dead ones)',
  alerts: 'Stuck-queue and failure-threshold checks posting to the alert webhook',
};

export interface QueueBoardOptions {
  /** A producer connection (the web app's); the board only reads and acts on jobs, it runs none. */
  connection: ConnectionOptions;
  /** REDIS_PREFIX: the same prefix the worker uses, or the board shows empty queues. */
  prefix: string;
  /** The HTTP framework adapter the host app mounts (the web app picks one, e.g. @bull-board/hono). */
  serverAdapter: IServerAdapter;
  /** Hides retry/clean/remove/promote controls (write routes answer 405). */
  readOnly?: boolean;
  /** Shown in the board's header, e.g. "production". */
  environment?: string;
  /**
   * Where @bull-board/ui's files are. Default: @bull-board/api finds them itself, which works when
   * `@bull-board/*` are server-external (Next.js) or unbundled (Node). Pass `bullBoardUiPath()` for a
   * bundler that cannot follow api's lookup; not under Turbopack, which rewrites that path.
   */
  uiBasePath?: string;
}

export interface QueueBoard {
  queues: Queue[];
  close(): Promise<void>;
}

/**
 * The server side of Bull Board over the product's four queues. A package of its own so the web
 * app can mount it without importing the worker app; the caller supplies the framework adapter and
 * guards the route (admins only: the board is Redis access).
 */
export function createQueueBoard(options: QueueBoardOptions): QueueBoard {
  const entries = Object.entries(queueNames).map(([key, name]) => ({
    queue: new Queue(name, { connection: options.connection, prefix: options.prefix }),
    description: key in descriptions ? descriptions[key as keyof typeof descriptions] : '',
  }));
  const queues = entries.map((entry) => entry.queue);
  const adapters = entries.map(
    ({ queue, description }) =>
      new BullMQAdapter(queue, {
        readOnlyMode: options.readOnly ?? false,
        // Sync jobs retry by themselves; a manual retry from the board still helps with failed ones.
        allowRetries: true,
        description,
      }),
  );
  createBullBoard({
    queues: adapters,
    serverAdapter: options.serverAdapter,
    options: {
      ...(options.uiBasePath !== undefined && { uiBasePath: options.uiBasePath }),
      uiConfig: { boardTitle: options.environment ? `Ads Sync (${options.environment})` : 'Ads Sync' },
    },
  });
  return {
    queues,
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

/** The directory of @bull-board/ui (its `dist` holds the UI assets), resolved from this package. */
export function bullBoardUiPath(): string {
  return dirname(createRequire(import.meta.url).resolve('@bull-board/ui/package.json'));
}
