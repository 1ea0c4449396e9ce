import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createConnectors, oauthAppsFromEnv } from './connectors';
import { ProviderError } from './http/provider-error';
import { codeChallengeS256 } from './oauth/pkce';

// Never connects: building URLs needs no Redis.
const redis = new Redis({ lazyConnect: true });
afterAll(() => redis.disconnect());

const env = {
  GOOGLE_ADS_CLIENT_ID: 'g-client',
  GOOGLE_ADS_CLIENT_SECRET: 'g-secret',
  GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token',
  GOOGLE_ADS_OAUTH_REDIRECT_URI: 'http://localhost:3000/api/integrations/google/oauth/callback',
  META_APP_ID: 'm-app',
  META_APP_SECRET: 'm-secret',
  META_OAUTH_REDIRECT_URI: 'http://localhost:3000/api/integrations/meta/oauth/callback',
  LINKEDIN_CLIENT_ID: 'l-client',
  LINKEDIN_CLIENT_SECRET: 'l-secret',
  LINKEDIN_OAUTH_REDIRECT_URI: 'http://localhost:3000/api/integrations/linkedin/oauth/callback',
  TIKTOK_CLIENT_KEY: 't-app',
  TIKTOK_CLIENT_SECRET: 't-secret',
  TIKTOK_OAUTH_REDIRECT_URI: 'http://localhost:3000/api/integrations/tiktok/oauth/callback',
};
const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('createConnectors', () => {
  const connectors = createConnectors({ apps: oauthAppsFromEnv(env), redis });

  it('builds Google consent with offline access, forced consent and PKCE S256', () => {
    const url = connectors.google.buildAuthorizeUrl({ state: 'signed.state', codeVerifier: verifier });
    expect(url.startsWith('https://accounts.google.com/o/oauth2/v2/auth?')).toBe(true);
    expect(params(url)).toMatchObject({
      client_id: 'g-client',
      redirect_uri: env.GOOGLE_ADS_OAUTH_REDIRECT_URI,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/adwords',
      access_type: 'offline',
      prompt: 'consent',
      state: 'signed.state',
      code_challenge: codeChallengeS256(verifier),
      code_challenge_method: 'S256',
    });
    expect(() => connectors.google.buildAuthorizeUrl({ state: 's' })).toThrow(/PKCE/);
  });

  it('builds Meta, LinkedIn and TikTok authorize URLs with reporting scopes', () => {
    const meta = connectors.facebook.buildAuthorizeUrl({ state: 's1' });
    expect(meta.startsWith('https://www.facebook.com/v25.0/dialog/oauth?')).toBe(true);
    expect(params(meta)).toMatchObject({
      client_id: 'm-app',
      scope: 'ads_read,business_management',
      state: 's1',
    });

    const linkedin = connectors.linkedin.buildAuthorizeUrl({ state: 's2' });
    expect(linkedin.startsWith('https://www.linkedin.com/oauth/v2/authorization?')).toBe(true);
    expect(params(linkedin)).toMatchObject({
      response_type: 'code',
      scope: 'r_ads r_ads_reporting',
      state: 's2',
    });

    const tiktok = connectors.tiktok.buildAuthorizeUrl({ state: 's3' });
    expect(tiktok.startsWith('https://business-api.tiktok.com/portal/auth?')).toBe(true);
    expect(params(tiktok)).toEqual({
      app_id: 't-app',
      state: 's3',
      redirect_uri: env.TIKTOK_OAUTH_REDIRECT_URI,
    });
    expect(connectors.tiktok.callbackCodeParam).toBe('auth_code');
  });

  it('sends the browser to the sandbox copy of each consent page when configured', () => {
    const sandboxed = createConnectors({
      apps: oauthAppsFromEnv(env),
      redis,
      sandboxUrl: 'http://127.0.0.1:4010',
    });
    expect(sandboxed.linkedin.buildAuthorizeUrl({ state: 's' })).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/www\.linkedin\.com\/oauth\/v2\/authorization\?/,
    );
  });

  it('says which provider is not configured, and why, without failing the others', () => {
    const partial = createConnectors({ apps: oauthAppsFromEnv({ META_APP_ID: 'x' }), redis });
    expect(partial.facebook.isConfigured).toBe(false);
    expect(connectors.facebook.isConfigured).toBe(true);
    const error = (() => {
      try {
        partial.google.buildAuthorizeUrl({ state: 's', codeVerifier: verifier });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'permanent', platformCode: 'NOT_CONFIGURED' });
  });

  it('states what each platform supports', () => {
    expect(Object.values(connectors).map((c) => [c.providerId, c.supportsRefresh, c.supportsPkce])).toEqual([
      ['google', true, true],
      ['facebook', false, false],
      ['linkedin', true, false],
      ['tiktok', false, false],
    ]);
  });
});
