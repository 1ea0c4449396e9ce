import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@cohorts/core', '@cohorts/providers'],
  // Node-only packages that must not be bundled (BullMQ loads Lua scripts from disk).
  serverExternalPackages: ['bullmq', 'ioredis', 'firebase-admin', 'pino'],
  outputFileTracingRoot: fileURLToPath(new URL('../../', import.meta.url)),
  poweredByHeader: false,
};

export default config;
