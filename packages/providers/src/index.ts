export * from './connector';
export * from './connectors';
export * from './connectors-from-env';
export * from './conversion-mapping';
export type { CredentialLimiterOptions } from './http/credential-limiter';
export {
  CredentialBusyError,
  CredentialRateLimiter,
  LimiterUnavailableError,
  limiterKeyPrefix,
} from './http/credential-limiter';
export type { HttpClientOptions } from './http/http-client';
export { ProviderHttpClient } from './http/http-client';
export { createLimiterRedis } from './http/limiter-redis';
export * from './http/provider-error';
export type { ProviderRequestObserver } from './http/request-observer';
export { toTransportUrl } from './http/transport-url';
export { codeChallengeS256, createCodeVerifier } from './oauth/pkce';
export { googleAdsApiVersion } from './platforms/google/config';
export { linkedInApiVersion } from './platforms/linkedin/config';
export { metaGraphVersion } from './platforms/meta/config';
export { tiktokApiVersion } from './platforms/tiktok/config';
