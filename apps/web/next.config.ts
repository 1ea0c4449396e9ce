import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@cohorts/core', '@cohorts/providers', '@cohorts/sync', '@cohorts/bull-board'],
  // Node-only packages that must not be bundled (BullMQ loads Lua scripts from disk).
  serverExternalPackages: [
    'bullmq',
    'ioredis',
    'firebase-admin',
    'pino',
    // Loaded by the sync engine only when RAW_PAYLOAD_BUCKET is set.
    '@google-cloud/storage',
    // Bull Board reads its UI (HTML template, JS, CSS) from disk at run time.
    '@bull-board/api',
    '@bull-board/ui',
    '@bull-board/hono',
    '@hono/node-server',
  ],
  outputFileTracingIncludes: { '/admin/queues/*': ['./node_modules/@bull-board/ui/dist/**/*'] },
  outputFileTracingRoot: fileURLToPath(new URL('../../', import.meta.url)),
  poweredByHeader: false,
};

export default config;
