import { randomUUID } from 'node:crypto';
import { type ProviderId, providerSlugFor } from '@cohorts/core/contract';
import { type RunningSandbox, startSandbox } from '@cohorts/sandbox';
import { uniqueRedisPrefix } from '@cohorts/test-harness';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { AdPlatformConnector, OAuthAppConfig } from '../../src/connector';
import { type ConnectorsConfig, createConnectors } from '../../src/connectors';
import { createCodeVerifier } from '../../src/oauth/pkce';
import { approveConsent } from './consent';

/** A running sandbox: its URL and a way to stop it. */
export type TestSandbox = Pick<RunningSandbox, 'url' | 'close'>;

/**
 * Where the providers' test sandboxes start their clock: an ordinary noon UTC, fixed so the
 * fixtures' dated campaigns never age out of a test's window and the hour of the run never matters.
 */
export const providersTestStart = '2026-11-18T12:00:00Z';

/** A sandbox of this test file's own (its clock, faults and meter are not shared). */
export function startTestSandbox(clockStartAt: string = providersTestStart): Promise<TestSandbox> {
  return startSandbox({ port: 0, clockStartAt });
}

/** A test file's sandbox and the Redis connection its connectors' limiter uses. */
export interface SandboxAndRedis {
  sandbox: TestSandbox;
  redis: Redis;
}

/**
 * This file's own sandbox, started before its tests, and a Redis connection that fails fast; both
 * closed after the tests. `sandbox` is set once `beforeAll` has run.
 */
export function sandboxAndRedis(): SandboxAndRedis {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  // Filled in by beforeAll, before any test of the file reads it.
  const services = { redis } as SandboxAndRedis;
  beforeAll(async () => {
    services.sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await services.sandbox?.close();
    redis.disconnect();
  });
  return services;
}

/** Recognisable secrets, so tests can assert they never leak. */
export const appSecrets = {
  clientSecret: (providerId: ProviderId) => `app-secret-${providerId}-DO-NOT-LEAK`,
  developerToken: 'dev-token-DO-NOT-LEAK',
};

function testApps(): Record<ProviderId, OAuthAppConfig> {
  const app = (providerId: ProviderId): OAuthAppConfig => ({
    clientId: `cohorts-test-${providerId}`,
    clientSecret: appSecrets.clientSecret(providerId),
    redirectUri: `http://localhost:3000/api/integrations/${providerSlugFor(providerId)}/oauth/callback`,
  });
  return {
    google: { ...app('google'), developerToken: appSecrets.developerToken },
    facebook: app('facebook'),
    linkedin: app('linkedin'),
    tiktok: app('tiktok'),
  };
}

export function sandboxConnectors(
  sandbox: TestSandbox,
  redis: Redis,
  overrides: Partial<ConnectorsConfig> = {},
): Record<ProviderId, AdPlatformConnector> {
  return createConnectors({
    apps: testApps(),
    sandboxUrl: sandbox.url,
    redis,
    limiter: { keyPrefix: uniqueRedisPrefix('providers') },
    ...overrides,
  });
}

/** Links like a user would: authorize URL -> the sandbox's consent page over HTTP -> code exchange. */
export async function linkThroughConsent(
  connector: AdPlatformConnector,
  options: { login?: string; credentialId?: string } = {},
) {
  const state = `state-${randomUUID()}`;
  const codeVerifier = createCodeVerifier();
  const authorizeUrl = connector.buildAuthorizeUrl({ state, codeVerifier });
  const redirectUri = testApps()[connector.providerId].redirectUri;
  const callback = await approveConsent(
    authorizeUrl,
    redirectUri,
    options.login ? { login: options.login } : {},
  );
  if (callback.get('state') !== state) throw new Error(`state came back as ${callback.get('state')}`);
  const code = callback.get(connector.callbackCodeParam);
  if (!code) throw new Error(`no ${connector.callbackCodeParam} in the callback: ${callback.toString()}`);
  const credentialId = options.credentialId ?? `cred-${randomUUID()}`;
  const tokens = await connector.exchangeCode({ code, codeVerifier, credentialId });
  return { credentialId, tokens, authorizeUrl };
}
