import type { Clock } from '@cohorts/core/clock';
import { type ProviderId, providerDisplayNames } from '@cohorts/core/contract';
import type { OAuthAppConfig } from '../../connector';
import type { ProviderHttpClient } from '../../http/http-client';
import { ProviderError } from '../../http/provider-error';
import { Redactor } from '../../http/redact';

/** What every platform module is built from. */
export interface PlatformDeps {
  http: ProviderHttpClient;
  /** Undefined when the server has no OAuth app for this platform. */
  app: OAuthAppConfig | undefined;
  clock: Clock;
  /** Accounts fetched at the same time within one sync (each still goes through the limiter). */
  accountConcurrency: number;
}

/** The app config, or a clear error naming the variables to set. */
export function requireApp(providerId: ProviderId, app: OAuthAppConfig | undefined): OAuthAppConfig {
  if (app) return app;
  throw new ProviderError({
    providerId,
    kind: 'permanent',
    platformCode: 'NOT_CONFIGURED',
    message: `${providerDisplayNames[providerId]} is not configured on this server: its OAuth app settings are missing.`,
  });
}

/** A redactor knowing the app's own secrets plus the given tokens. */
export function redactorFor(
  app: OAuthAppConfig | undefined,
  ...tokens: Array<string | null | undefined>
): Redactor {
  return new Redactor([app?.clientSecret, app?.developerToken, ...tokens]);
}
