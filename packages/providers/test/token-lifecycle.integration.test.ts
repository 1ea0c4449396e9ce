import { clockStartingAt } from '@cohorts/core/clock';
import type { OAuthTokenSet } from '@cohorts/core/contract';
import { sandboxControl } from '@cohorts/sandbox';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdPlatformConnector } from '../src/connector';
import { ProviderError } from '../src/http/provider-error';
import {
  linkThroughConsent,
  providersTestStart,
  sandboxAndRedis,
  sandboxConnectors,
} from './support/sandbox';
import { expectNoSecrets, secretsOf } from './support/secrets';

const DAY_MS = 86_400_000;
const services = sandboxAndRedis();
/** The connectors' clock follows the sandbox's when a test moves it forward. */
const clock = clockStartingAt(providersTestStart);
let connectors: Record<string, AdPlatformConnector>;

beforeAll(async () => {
  connectors = sandboxConnectors(services.sandbox, services.redis, {
    clock,
  });
});
afterEach(async () => {
  const { now } = await sandboxControl<{ now: string }>(services.sandbox.url, 'clock', {
    json: { reset: true },
  });
  clock.restartAt(now);
});

async function advanceClock(ms: number): Promise<void> {
  clock.restartAt(new Date(clock.now().getTime() + ms));
  await sandboxControl(services.sandbox.url, 'clock', { json: { advanceMs: ms } });
}

async function authError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).kind).toBe('auth');
  return error as ProviderError;
}

function within(actual: Date | null, expected: number, toleranceMs = 60_000): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual?.getTime() ?? 0) - expected)).toBeLessThan(toleranceMs);
}

describe('token lifecycles against the sandbox', () => {
  it('Google: offline access; an expired access token is refreshed and works again', async () => {
    const google = connectors.google as AdPlatformConnector;
    const { credentialId, tokens } = await linkThroughConsent(google);
    expect(tokens.refreshToken).toBeTruthy();
    within(tokens.accessTokenExpiresAt, clock.now().getTime() + 3599_000);
    expect(tokens.scopes).toContain('https://www.googleapis.com/auth/adwords');

    await advanceClock(3600_000);
    const expired = await authError(google.listAdAccounts({ credentialId, tokens }));
    expectNoSecrets(expired, secretsOf(tokens));

    const fresh = await google.refresh({ credentialId, tokens });
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(fresh.refreshToken).toBe(tokens.refreshToken);
    expect((await google.listAdAccounts({ credentialId, tokens: fresh })).length).toBeGreaterThan(0);

    await google.revoke({ credentialId, tokens: fresh });
    const dead = await authError(google.refresh({ credentialId, tokens: fresh }));
    expect(dead.platformCode).toBe('invalid_grant');
    expectNoSecrets(dead, secretsOf(fresh));
  });

  it('LinkedIn: refreshing renews the access token but never moves the 365-day end', async () => {
    const linkedin = connectors.linkedin as AdPlatformConnector;
    const { credentialId, tokens } = await linkThroughConsent(linkedin);
    within(tokens.accessTokenExpiresAt, clock.now().getTime() + 60 * DAY_MS);
    within(tokens.refreshTokenExpiresAt, clock.now().getTime() + 365 * DAY_MS);

    await advanceClock(61 * DAY_MS);
    await authError(linkedin.listAdAccounts({ credentialId, tokens }));
    const fresh = await linkedin.refresh({ credentialId, tokens });
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    within(fresh.refreshTokenExpiresAt, tokens.refreshTokenExpiresAt?.getTime() ?? 0, 5_000);
    expect((await linkedin.listAdAccounts({ credentialId, tokens: fresh })).length).toBeGreaterThan(0);

    await advanceClock(305 * DAY_MS);
    const ended = await authError(linkedin.refresh({ credentialId, tokens: fresh }));
    expect(ended.message).toMatch(/365-day/);
  });

  it('Meta: the code becomes a ~60-day token whose expiry is kept; it cannot be refreshed', async () => {
    const meta = connectors.facebook as AdPlatformConnector;
    const { credentialId, tokens } = await linkThroughConsent(meta);
    expect(tokens.refreshToken).toBeNull();
    within(tokens.accessTokenExpiresAt, clock.now().getTime() + 60 * DAY_MS, DAY_MS);
    expect(tokens.scopes).toEqual(expect.arrayContaining(['ads_read']));

    await advanceClock(61 * DAY_MS);
    const expired = await authError(meta.listAdAccounts({ credentialId, tokens }));
    expect(expired.message).toMatch(/expired/);
    const refused = await authError(meta.refresh({ credentialId, tokens }));
    expect(refused.message).toMatch(/reconnect/i);
  });

  it('TikTok: a non-expiring token naming its advertisers; revoked means reconnect', async () => {
    const tiktok = connectors.tiktok as AdPlatformConnector;
    const { credentialId, tokens } = await linkThroughConsent(tiktok);
    expect(tokens).toMatchObject({
      refreshToken: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
    });
    expect(tokens.grantedAccountIds.length).toBeGreaterThan(0);

    await advanceClock(400 * DAY_MS);
    const accounts = await tiktok.listAdAccounts({ credentialId, tokens });
    expect(accounts.map((a) => a.id).sort()).toEqual([...tokens.grantedAccountIds].sort());

    await sandboxControl(services.sandbox.url, 'grants/revoke', { json: { token: tokens.accessToken } });
    const revoked = await authError(tiktok.listAdAccounts({ credentialId, tokens }));
    expectNoSecrets(revoked, secretsOf(tokens as OAuthTokenSet));
    await authError(tiktok.refresh({ credentialId, tokens }));
  });
});

describe.each(['google', 'facebook', 'linkedin', 'tiktok'] as const)('%s revoke', (providerId) => {
  it('ends the grant at the platform; revoking twice is not an error', async () => {
    const connector = connectors[providerId] as AdPlatformConnector;
    const { credentialId, tokens } = await linkThroughConsent(connector);
    await connector.revoke({ credentialId, tokens });
    await authError(connector.listAdAccounts({ credentialId, tokens }));
    await connector.revoke({ credentialId, tokens });
  });
});
