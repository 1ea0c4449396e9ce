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
  // `next dev` blocks its own scripts for origins other than localhost; 127.0.0.1 is the same machine.
  allowedDevOrigins: ['127.0.0.1'],
  // Several servers (dev, e2e, another checkout's agent) can run from one folder, each with its own build dir.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
};

export default config;
