import { type Clock, systemClock } from '@cohorts/core/clock';
import type { OAuthEnvSchema } from '@cohorts/core/config';
import type { ProviderId } from '@cohorts/core/contract';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { AdPlatformConnector, OAuthAppConfig } from './connector';
import { type ConversionMappingsInput, ConversionMappingsSchema } from './conversion-mapping';
import { type CredentialLimiterOptions, CredentialRateLimiter } from './http/credential-limiter';
import { type HttpClientOptions, ProviderHttpClient } from './http/http-client';
import { createGoogleConnector } from './platforms/google/connector';
import { createLinkedInConnector } from './platforms/linkedin/connector';
import { createMetaConnector } from './platforms/meta/connector';
import type { PlatformDeps } from './platforms/shared/platform-deps';
import { createTikTokConnector } from './platforms/tiktok/connector';

export interface ConnectorsConfig {
  /** OAuth apps by provider; a provider without one is listed but `isConfigured: false`. */
  apps: Partial<Record<ProviderId, OAuthAppConfig>>;
  /** `ADS_SANDBOX_URL`: send every platform request to the local sandbox instead. */
  sandboxUrl?: string | undefined;
  /** The limiter's own ioredis client (`createLimiterRedis`), shared by the four connectors. */
  redis: Redis;
  limiter?: Omit<CredentialLimiterOptions, 'redis'>;
  http?: Omit<HttpClientOptions, 'limiter' | 'sandboxUrl'>;
  /** Which platform fields are conversions and revenue (defaults in `conversion-mapping.ts`). */
  conversionMappings?: ConversionMappingsInput;
  /** Ad accounts fetched at once within one sync. */
  accountConcurrency?: number;
  /** Where "now" comes from: token issue and expiry times, quota resets (default: the system clock). */
  clock?: Clock;
}

/** The four connectors over one HTTP client and one per-credential limiter. */
export function createConnectors(config: ConnectorsConfig): Record<ProviderId, AdPlatformConnector> {
  const limiter = new CredentialRateLimiter({ ...config.limiter, redis: config.redis });
  const http = new ProviderHttpClient({
    ...config.http,
    limiter,
    clock: config.clock ?? systemClock,
    ...(config.sandboxUrl && { sandboxUrl: config.sandboxUrl }),
  });
  const mappings = ConversionMappingsSchema.parse(config.conversionMappings ?? {});
  const deps = (providerId: ProviderId): PlatformDeps => ({
    http,
    app: config.apps[providerId],
    clock: config.clock ?? systemClock,
    accountConcurrency: config.accountConcurrency ?? 4,
  });
  return {
    google: createGoogleConnector(deps('google'), mappings.google),
    facebook: createMetaConnector(deps('facebook'), mappings.facebook),
    linkedin: createLinkedInConnector(deps('linkedin'), mappings.linkedin),
    tiktok: createTikTokConnector(deps('tiktok'), mappings.tiktok),
  };
}

type OAuthEnv = Partial<z.infer<typeof OAuthEnvSchema>>;

/** The OAuth app of each provider whose variables are all set (validated env in, no env read here). */
export function oauthAppsFromEnv(env: OAuthEnv): Partial<Record<ProviderId, OAuthAppConfig>> {
  const apps: Partial<Record<ProviderId, OAuthAppConfig>> = {};
  if (env.GOOGLE_ADS_CLIENT_ID && env.GOOGLE_ADS_CLIENT_SECRET && env.GOOGLE_ADS_OAUTH_REDIRECT_URI) {
    apps.google = {
      clientId: env.GOOGLE_ADS_CLIENT_ID,
      clientSecret: env.GOOGLE_ADS_CLIENT_SECRET,
      redirectUri: env.GOOGLE_ADS_OAUTH_REDIRECT_URI,
      ...(env.GOOGLE_ADS_DEVELOPER_TOKEN && { developerToken: env.GOOGLE_ADS_DEVELOPER_TOKEN }),
    };
  }
  if (env.META_APP_ID && env.META_APP_SECRET && env.META_OAUTH_REDIRECT_URI) {
    apps.facebook = {
      clientId: env.META_APP_ID,
      clientSecret: env.META_APP_SECRET,
      redirectUri: env.META_OAUTH_REDIRECT_URI,
    };
  }
  if (env.LINKEDIN_CLIENT_ID && env.LINKEDIN_CLIENT_SECRET && env.LINKEDIN_OAUTH_REDIRECT_URI) {
    apps.linkedin = {
      clientId: env.LINKEDIN_CLIENT_ID,
      clientSecret: env.LINKEDIN_CLIENT_SECRET,
      redirectUri: env.LINKEDIN_OAUTH_REDIRECT_URI,
    };
  }
  if (env.TIKTOK_CLIENT_KEY && env.TIKTOK_CLIENT_SECRET && env.TIKTOK_OAUTH_REDIRECT_URI) {
    apps.tiktok = {
      clientId: env.TIKTOK_CLIENT_KEY,
      clientSecret: env.TIKTOK_CLIENT_SECRET,
      redirectUri: env.TIKTOK_OAUTH_REDIRECT_URI,
      ...(env.TIKTOK_OAUTH_SCOPES && { scopes: env.TIKTOK_OAUTH_SCOPES.split(',') }),
    };
  }
  return apps;
}
