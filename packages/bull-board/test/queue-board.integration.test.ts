import { HonoAdapter } from '@bull-board/hono';
import { queueNames } from '@cohorts/core/jobs';
import { testRedis, uniqueRedisPrefix } from '@cohorts/test-harness';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bullBoardUiPath, createQueueBoard } from '../src';

const connection = testRedis();
const prefix = uniqueRedisPrefix('board');
const basePath = '/admin/queues';

afterAll(async () => {
  const sync = new Queue(queueNames.sync, { connection, prefix });
  await sync.obliterate({ force: true });
  await sync.close();
  connection.disconnect();
});

const QueuesResponseSchema = z.object({
  queues: z.array(
    z.object({
      name: z.string(),
      readOnlyMode: z.boolean(),
      counts: z.record(z.string(), z.number()),
    }),
  ),
});

function mount(readOnly: boolean, uiBasePath?: string) {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(basePath);
  const board = createQueueBoard({ connection, prefix, serverAdapter, readOnly, uiBasePath });
  const app = new Hono();
  app.route(basePath, serverAdapter.registerPlugin());
  return { app, board };
}

describe('queue board (Bull Board server side, real Redis, served through Hono)', () => {
  it('lists the four queues with live counts and serves the UI page', async () => {
    const sync = new Queue(queueNames.sync, { connection, prefix });
    await sync.add('sync', { userId: 'u1', providerId: 'google', jobId: 'j1' }, { jobId: 'j1' });
    const { app, board } = mount(false);
    try {
      const response = await app.request(`${basePath}/api/queues`);
      expect(response.status).toBe(200);
      const body = QueuesResponseSchema.parse(await response.json());
      expect(body.queues.map((queue) => queue.name).sort()).toEqual(Object.values(queueNames).sort());
      expect(body.queues.find((queue) => queue.name === queueNames.sync)?.counts.waiting).toBe(1);

      const page = await app.request(basePath);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
    } finally {
      await board.close();
      await sync.close();
    }
  });

  it('serves the UI from an explicit uiBasePath too', async () => {
    const { app, board } = mount(false, bullBoardUiPath());
    try {
      const page = await app.request(basePath);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
    } finally {
      await board.close();
    }
  });

  it('refuses write actions in read-only mode', async () => {
    const { app, board } = mount(true);
    try {
      const body = QueuesResponseSchema.parse(await (await app.request(`${basePath}/api/queues`)).json());
      expect(body.queues.every((queue) => queue.readOnlyMode)).toBe(true);
      const clean = await app.request(`${basePath}/api/queues/${queueNames.sync}/clean/failed`, {
        method: 'PUT',
      });
      expect(clean.status).toBe(405);
    } finally {
      await board.close();
    }
  });
});
