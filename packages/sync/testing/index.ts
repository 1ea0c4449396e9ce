/**
 * Test support shared by the sync engine's and the worker's tests: linking through the sandbox's
 * real OAuth pages, the sandbox's control API, expected totals.
 * Never imported by production code.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type AdIntegration,
  AdIntegrationsRepository,
  type AdMetricsDay,
  credentialIdFor,
  IntegrationCredentialsRepository,
  newAdIntegration,
  type ProviderId,
  providerSlugFor,
  type TokenVault,
} from '@cohorts/core';
import { type AdPlatformConnector, createCodeVerifier, oauthAppsFromEnv } from '@cohorts/providers';
import { driveConsent, sandboxControl } from '@cohorts/sandbox';
import type { Firestore } from 'firebase-admin/firestore';

export const sandboxLogins = {
  ada: 'ada@northwind-agency.example',
  ben: 'ben@bens-bikes.example',
  nora: 'nora@no-accounts.example',
} as const;

/**
 * OAuth app variables for every provider, pointing at the sandbox (which accepts any client), with
 * redirect URIs on the web app at `appBaseUrl`.
 */
export function sandboxOAuthEnv(appBaseUrl = 'http://localhost:3000'): Record<string, string> {
  const redirect = (providerId: ProviderId) =>
    `${appBaseUrl}/api/integrations/${providerSlugFor(providerId)}/oauth/callback`;
  return {
    OAUTH_STATE_SECRET: 'test-oauth-state-secret-0123456789abcdef',
    GOOGLE_ADS_CLIENT_ID: 'cohorts-test-google',
    GOOGLE_ADS_CLIENT_SECRET: 'app-secret-google',
    GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token',
    GOOGLE_ADS_OAUTH_REDIRECT_URI: redirect('google'),
    META_APP_ID: 'cohorts-test-meta',
    META_APP_SECRET: 'app-secret-meta',
    META_OAUTH_REDIRECT_URI: redirect('facebook'),
    LINKEDIN_CLIENT_ID: 'cohorts-test-linkedin',
    LINKEDIN_CLIENT_SECRET: 'app-secret-linkedin',
    LINKEDIN_OAUTH_REDIRECT_URI: redirect('linkedin'),
    TIKTOK_CLIENT_KEY: 'cohorts-test-tiktok',
    TIKTOK_CLIENT_SECRET: 'app-secret-tiktok',
    TIKTOK_OAUTH_REDIRECT_URI: redirect('tiktok'),
  };
}

export function sandboxOAuthApps() {
  return oauthAppsFromEnv(sandboxOAuthEnv());
}

/** A fresh `keyId:base64` token-encryption key. */
export function testEncryptionKeys(): string {
  return `k1:${randomBytes(32).toString('base64')}`;
}

export interface LinkRequest {
  db: Firestore;
  vault: TokenVault;
  connector: AdPlatformConnector;
  userId: string;
  login: string;
  now?: Date;
}

/**
 * Links like a user would: authorize URL → the sandbox's consent page over HTTP → code exchange →
 * account discovery; stores the credential encrypted and the integration document.
 */
export async function linkThroughSandbox(request: LinkRequest): Promise<AdIntegration> {
  const { connector, userId } = request;
  const providerId = connector.providerId;
  const now = request.now ?? new Date();
  const state = `state-${randomUUID()}`;
  const codeVerifier = createCodeVerifier();
  const callback = await driveConsent(connector.buildAuthorizeUrl({ state, codeVerifier }), {
    login: request.login,
  });
  const code = callback.searchParams.get(connector.callbackCodeParam);
  if (!code)
    throw new Error(`no ${connector.callbackCodeParam} in the consent callback ${callback.pathname}`);
  const credentialId = credentialIdFor(userId, providerId);
  const tokens = await connector.exchangeCode({ code, codeVerifier, credentialId });
  const adAccounts = await connector.listAdAccounts({ credentialId, tokens });
  await new IntegrationCredentialsRepository(request.db, request.vault).save(userId, providerId, tokens, now);
  const integration: AdIntegration = {
    ...newAdIntegration(
      {
        userId,
        providerId,
        scopes: tokens.scopes,
        adAccounts,
        accessTokenExpiresAt: tokens.accessTokenExpiresAt,
        refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
      },
      now,
    ),
    // Nothing asked for and nothing scheduled: each test enqueues the syncs it means to run.
    lastSyncStatus: 'never',
    nextSyncDueAt: null,
  };
  await new AdIntegrationsRepository(request.db).save(integration);
  return integration;
}

/** Sums compared between the sandbox's expectation and the stored day documents. */
export interface Totals {
  impressions: number;
  clicks: number;
  /** Rounded to 6 decimals (conversions can be fractional). */
  conversions: number;
  /** Spend in micros per currency. */
  spendMicros: Record<string, bigint>;
}

interface ExpectedDayWire {
  date: string;
  currency: string;
  spendMicros: string;
  impressions: number;
  clicks: number;
  conversions: number;
}

/** What the sandbox says a correct sync of these account windows stores (now, with restatements). */
export async function expectedTotals(
  sandboxUrl: string,
  providerId: ProviderId,
  windows: readonly { accountId: string; start: string; end: string }[],
): Promise<Totals> {
  const totals: Totals = { impressions: 0, clicks: 0, conversions: 0, spendMicros: {} };
  for (const window of windows) {
    const query = new URLSearchParams({ provider: providerId, ...window });
    const { days } = await sandboxControl<{ days: ExpectedDayWire[] }>(sandboxUrl, `expected?${query}`);
    for (const day of days) {
      totals.impressions += day.impressions;
      totals.clicks += day.clicks;
      totals.conversions += day.conversions;
      totals.spendMicros[day.currency] = (totals.spendMicros[day.currency] ?? 0n) + BigInt(day.spendMicros);
    }
  }
  totals.conversions = round6(totals.conversions);
  return totals;
}

function round6(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}

/** The same sums over stored day documents (spend rounded to micros per currency). */
export function storedTotals(days: readonly AdMetricsDay[]): Totals {
  const totals: Totals = { impressions: 0, clicks: 0, conversions: 0, spendMicros: {} };
  for (const day of days) {
    totals.impressions += day.impressions;
    totals.clicks += day.clicks;
    totals.conversions += day.conversions;
    for (const campaign of day.campaigns) {
      const micros = BigInt(Math.round(campaign.spend * 1_000_000));
      totals.spendMicros[campaign.currencyCode] = (totals.spendMicros[campaign.currencyCode] ?? 0n) + micros;
    }
  }
  totals.conversions = round6(totals.conversions);
  return totals;
}
