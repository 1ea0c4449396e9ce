import {
  AdIntegrationsRepository,
  adIntegrationPath,
  IntegrationCredentialsRepository,
  integrationCredentialPath,
  newOAuthNonce,
  OAuthNonceStore,
  oauthStateLifetimeMs,
  type ProviderId,
  type ProviderSlug,
  providerIdForSlug,
  providerSlugs,
  queueNames,
  SyncJobsRepository,
  signOAuthState,
  TokenVault,
} from '@cohorts/core';
import { driveConsent, type RunningSandbox, startSandbox } from '@cohorts/sandbox';
import { createTestUser, type TestUser, testFirestore, testRedis, uniqueId } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as callbackRoute from '../src/app/api/integrations/[slug]/oauth/callback/route';
import * as startRoute from '../src/app/api/integrations/[slug]/oauth/start/route';
import { closeServices } from '../src/server/services';
import { startTestApp, type TestApp } from './support/app';
import { locationOf, TestBrowser } from './support/browser';
import type { MountedRoute } from './support/http-server';
import { metricsDay, seedMetrics } from './support/seed';
import { trpcError } from './support/trpc-error';

const ada = 'ada@northwind-agency.example';
const stateSecret = process.env.OAUTH_STATE_SECRET ?? '';
const run = uniqueId('link');

let app: TestApp;
let sandbox: RunningSandbox;
let redis: Redis;
let syncQueue: Queue;
const db = () => testFirestore();
const credentials = () =>
  new IntegrationCredentialsRepository(db(), new TokenVault(process.env.TOKEN_ENCRYPTION_KEYS ?? ''));
const integrations = () => new AdIntegrationsRepository(db());

type SlugRoute = (request: Request, context: { params: Promise<{ slug: string }> }) => Promise<Response>;

/** A `[slug]` route module as Next calls it, with the slug filled in. */
const withSlug = (route: SlugRoute, slug: string) => (request: Request) =>
  route(request, { params: Promise.resolve({ slug }) });

/** Mounts the dynamic `[slug]` routes for every slug (and one unknown), as Next would. */
function oauthRoutes(): MountedRoute[] {
  return [...providerSlugs, 'myspace'].flatMap((slug) => [
    { path: `/api/integrations/${slug}/oauth/start`, module: { GET: withSlug(startRoute.GET, slug) } },
    { path: `/api/integrations/${slug}/oauth/callback`, module: { GET: withSlug(callbackRoute.GET, slug) } },
  ]);
}

const clientIdOf = (providerId: ProviderId) => `web-test-${providerId}-${run}`;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  app = await startTestApp(oauthRoutes());
  const callback = (slug: ProviderSlug) => `${app.url}/api/integrations/${slug}/oauth/callback`;
  Object.assign(process.env, {
    ADS_SANDBOX_URL: sandbox.url,
    GOOGLE_ADS_CLIENT_ID: clientIdOf('google'),
    GOOGLE_ADS_CLIENT_SECRET: 'google-secret-DO-NOT-LEAK',
    GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token-DO-NOT-LEAK',
    GOOGLE_ADS_OAUTH_REDIRECT_URI: callback('google'),
    META_APP_ID: clientIdOf('facebook'),
    META_APP_SECRET: 'meta-secret-DO-NOT-LEAK',
    META_OAUTH_REDIRECT_URI: callback('meta'),
    LINKEDIN_CLIENT_ID: clientIdOf('linkedin'),
    LINKEDIN_CLIENT_SECRET: 'linkedin-secret-DO-NOT-LEAK',
    LINKEDIN_OAUTH_REDIRECT_URI: callback('linkedin'),
    TIKTOK_CLIENT_KEY: clientIdOf('tiktok'),
    TIKTOK_CLIENT_SECRET: 'tiktok-secret-DO-NOT-LEAK',
    TIKTOK_OAUTH_REDIRECT_URI: callback('tiktok'),
    TIKTOK_OAUTH_SCOPES: 'ads.read',
  });
  redis = testRedis();
  syncQueue = new Queue(queueNames.sync, { connection: redis, prefix: app.redisPrefix });
});

afterAll(async () => {
  await syncQueue?.obliterate({ force: true });
  await syncQueue?.close();
  redis?.disconnect();
  await app?.close();
  await closeServices();
  await sandbox?.close();
});

async function signedInBrowser(user?: TestUser): Promise<{ browser: TestBrowser; user: TestUser }> {
  const who = user ?? (await createTestUser());
  const browser = new TestBrowser(app.url);
  await browser.signIn(who.idToken);
  return { browser, user: who };
}

/** Start -> the platform's consent page (driven over HTTP) -> the callback URL the platform sends back. */
async function consent(
  browser: TestBrowser,
  slug: ProviderSlug,
  decision: 'allow' | 'deny' = 'allow',
): Promise<{ authorizeUrl: URL; callbackUrl: URL }> {
  const start = await browser.get(`/api/integrations/${slug}/oauth/start`);
  const authorizeUrl = new URL(await locationOf(start));
  const callbackUrl = await driveConsent(authorizeUrl.href, { login: ada, decision });
  return { authorizeUrl, callbackUrl };
}

async function storedFor(userId: string, providerId: ProviderId) {
  const [integration, credentialDoc, jobs] = await Promise.all([
    integrations().get(userId, providerId),
    db().doc(integrationCredentialPath(userId, providerId)).get(),
    new SyncJobsRepository(db()).listRecent(userId, 20, providerId),
  ]);
  return { integration, credentialExists: credentialDoc.exists, jobs };
}

async function expectNothingStored(userId: string, providerId: ProviderId) {
  expect(await storedFor(userId, providerId)).toEqual({
    integration: null,
    credentialExists: false,
    jobs: [],
  });
}

function linkError(location: string) {
  const url = new URL(location, app.url);
  return {
    path: url.pathname,
    linkError: url.searchParams.get('linkError'),
    provider: url.searchParams.get('provider'),
  };
}

describe.each(providerSlugs)('OAuth round trip: %s', (slug) => {
  const providerId = providerIdForSlug(slug);

  it('links through the real redirects: encrypted tokens, the integration, the account choice, then a queued 90-day backfill', async () => {
    const { browser, user } = await signedInBrowser();
    const { authorizeUrl, callbackUrl } = await consent(browser, slug);
    expect(authorizeUrl.href.startsWith(sandbox.url)).toBe(true);
    expect(browser.cookie(`__oauth_${slug}`)).toBeTruthy();
    if (providerId === 'google') {
      // PKCE: the challenge travels; the verifier stays on the server with the nonce.
      expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorizeUrl.searchParams.has('code_verifier')).toBe(false);
    }
    expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(
      `${app.url}/api/integrations/${slug}/oauth/callback`,
    );

    const done = await browser.get(callbackUrl.href);
    // The login sees several accounts: the dashboard opens the picker; nothing syncs before the choice.
    expect(await locationOf(done)).toBe(`/?linked=${slug}&pick=1`);
    expect(browser.cookie(`__oauth_${slug}`)).toBeUndefined();

    const { integration, credentialExists, jobs } = await storedFor(user.uid, providerId);
    expect(credentialExists).toBe(true);
    expect(integration).toMatchObject({
      userId: user.uid,
      providerId,
      accessToken: null,
      idToken: null,
      lastSyncStatus: 'never',
      accountChoicePending: true,
      reconnectRequired: false,
      selectedAccountIds: [],
      liveSyncJobId: null,
      nextSyncDueAt: null,
    });
    expect(integration?.scopes.length).toBeGreaterThan(0);
    expect(integration?.adAccounts.length).toBeGreaterThanOrEqual(5);
    expect(Date.now() - (integration?.linkedAt.getTime() ?? 0)).toBeLessThan(60_000);

    const day = 86_400_000;
    const tokens = await credentials().load(user.uid, providerId);
    if (!tokens) throw new Error('no credential stored');
    if (providerId === 'facebook') {
      // Meta's long-lived token is the one lifetime a user must watch (~60 days).
      const left = (integration?.accessTokenExpiresAt?.getTime() ?? 0) - Date.now();
      expect(left).toBeGreaterThan(55 * day);
      expect(left).toBeLessThan(61 * day);
    } else {
      expect(integration?.accessTokenExpiresAt).toBeNull();
    }
    if (providerId === 'linkedin') {
      const left = (integration?.refreshTokenExpiresAt?.getTime() ?? 0) - Date.now();
      expect(left).toBeGreaterThan(360 * day);
    } else {
      expect(integration?.refreshTokenExpiresAt).toBeNull();
    }

    // The token is only ever stored sealed, never in the integration document.
    const rawIntegration = JSON.stringify(
      (await db().doc(adIntegrationPath(user.uid, providerId)).get()).data(),
    );
    const rawCredential = JSON.stringify(
      (await db().doc(integrationCredentialPath(user.uid, providerId)).get()).data(),
    );
    expect(rawIntegration).not.toContain(tokens.accessToken);
    expect(rawCredential).not.toContain(tokens.accessToken);
    expect(rawCredential).toContain('ciphertext');

    expect(jobs).toEqual([]);
    const client = app.trpcAs(user.idToken);
    expect(await client.integrations.accounts.query({ providerId })).toMatchObject({
      awaitingAccountChoice: true,
    });

    // Choosing two accounts starts the backfill, for those two.
    const two = (integration?.adAccounts ?? [])
      .filter((a) => !a.isManager)
      .slice(0, 2)
      .map((a) => a.id);
    const chosen = await client.integrations.selectAccounts.mutate({ providerId, accountIds: two });
    expect(chosen).toMatchObject({
      selectedAccountIds: two,
      awaitingAccountChoice: false,
      backfill: { created: true },
    });
    const afterChoice = await storedFor(user.uid, providerId);
    expect(afterChoice.integration).toMatchObject({
      lastSyncStatus: 'pending',
      accountChoicePending: false,
      selectedAccountIds: two,
    });
    expect(afterChoice.integration?.nextSyncDueAt).not.toBeNull();
    expect(afterChoice.jobs).toHaveLength(1);
    const job = afterChoice.jobs[0];
    expect(job).toMatchObject({
      id: chosen.backfill?.jobId,
      jobType: 'initial-backfill',
      timeframeDays: 90,
      status: 'queued',
    });
    expect(afterChoice.integration?.liveSyncJobId).toBe(job?.id);
    const queued = await syncQueue.getJob(job?.id ?? '');
    expect(queued?.data).toEqual({ userId: user.uid, providerId, jobId: job?.id });
    expect(JSON.stringify(queued?.data)).not.toContain(tokens.accessToken);
  });

  it('on denial redirects with a readable reason and stores nothing', async () => {
    const { browser, user } = await signedInBrowser();
    const { callbackUrl } = await consent(browser, slug, 'deny');
    expect(callbackUrl.searchParams.has('error')).toBe(true);
    const location = await locationOf(await browser.get(callbackUrl.href));
    expect(linkError(location)).toEqual({ path: '/', linkError: 'denied', provider: slug });
    await expectNothingStored(user.uid, providerId);
  });

  it('refuses a tampered state and a replayed one', async () => {
    const { browser, user } = await signedInBrowser();
    const { callbackUrl } = await consent(browser, slug);
    const state = callbackUrl.searchParams.get('state') ?? '';
    const [body = '', signature = ''] = state.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const forged = new URL(callbackUrl);
    forged.searchParams.set(
      'state',
      `${Buffer.from(JSON.stringify({ ...payload, returnTo: '/elsewhere' })).toString('base64url')}.${signature}`,
    );
    expect(linkError(await locationOf(await browser.get(forged.href)))).toMatchObject({
      linkError: 'state-invalid',
    });
    await expectNothingStored(user.uid, providerId);

    // The genuine callback still works once...
    expect(await locationOf(await browser.get(callbackUrl.href))).toBe(`/?linked=${slug}&pick=1`);
    // ...and never twice, even from the same browser.
    browser.setCookie(`__oauth_${slug}`, payload.nonce);
    expect(linkError(await locationOf(await browser.get(callbackUrl.href)))).toMatchObject({
      linkError: 'state-used',
    });
    expect((await storedFor(user.uid, providerId)).integration?.lastSyncStatus).toBe('never');
  });
});

describe('OAuth callback refusals', () => {
  it('refuses an expired state without touching the platform', async () => {
    const { browser, user } = await signedInBrowser();
    const { state } = signOAuthState(stateSecret, {
      uid: user.uid,
      providerId: 'linkedin',
      nonce: newOAuthNonce(),
      now: new Date(Date.now() - oauthStateLifetimeMs - 1_000),
    });
    const location = await locationOf(
      await browser.get(
        `/api/integrations/linkedin/oauth/callback?code=anything&state=${encodeURIComponent(state)}`,
      ),
    );
    expect(linkError(location)).toEqual({ path: '/', linkError: 'state-expired', provider: 'linkedin' });
    await expectNothingStored(user.uid, 'linkedin');
  });

  it("refuses another user's state: signed in as someone else, or in a browser that did not start it", async () => {
    const { browser: alices, user: alice } = await signedInBrowser();
    const { browser: bobs, user: bob } = await signedInBrowser();
    const { callbackUrl } = await consent(alices, 'tiktok');

    expect(linkError(await locationOf(await bobs.get(callbackUrl.href)))).toMatchObject({
      linkError: 'wrong-user',
    });
    const anonymous = new TestBrowser(app.url);
    expect(linkError(await locationOf(await anonymous.get(callbackUrl.href)))).toMatchObject({
      linkError: 'wrong-user',
    });
    await expectNothingStored(bob.uid, 'tiktok');
    await expectNothingStored(alice.uid, 'tiktok');

    // The first wrong browser spent the state: it cannot be passed around for its ten minutes.
    expect(linkError(await locationOf(await alices.get(callbackUrl.href)))).toMatchObject({
      linkError: 'state-used',
    });
    await expectNothingStored(alice.uid, 'tiktok');
  });

  it('refuses a state issued for another platform', async () => {
    const { browser, user } = await signedInBrowser();
    const { callbackUrl } = await consent(browser, 'google');
    const misrouted = new URL(callbackUrl);
    misrouted.pathname = '/api/integrations/linkedin/oauth/callback';
    expect(linkError(await locationOf(await browser.get(misrouted.href)))).toMatchObject({
      linkError: 'state-invalid',
      provider: 'linkedin',
    });
    await expectNothingStored(user.uid, 'linkedin');
    await expectNothingStored(user.uid, 'google');
  });

  it('stores nothing when the platform fails the code exchange', async () => {
    const { browser, user } = await signedInBrowser();
    const { callbackUrl } = await consent(browser, 'meta');
    const fault = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'server-error',
        provider: 'facebook',
        path: '/oauth/access_token',
        count: 10,
      }),
    });
    expect(fault.ok).toBe(true);
    try {
      const location = await locationOf(await browser.get(callbackUrl.href));
      expect(linkError(location)).toMatchObject({ linkError: 'platform-error', provider: 'meta' });
    } finally {
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
    await expectNothingStored(user.uid, 'facebook');
  });

  it('answers an unknown platform with 404, and an anonymous start with 401 (or the dashboard for a browser)', async () => {
    const unknown = await app.fetch('/api/integrations/myspace/oauth/start');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(
      /unknown platform "myspace".*google, meta, linkedin, tiktok/,
    );
    expect((await app.fetch('/api/integrations/myspace/oauth/callback')).status).toBe(404);

    const anonymous = await app.fetch('/api/integrations/google/oauth/start', {
      headers: { accept: 'application/json' },
    });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.message).toMatch(/sign in/);
    const page = await new TestBrowser(app.url).get('/api/integrations/google/oauth/start');
    expect(linkError(await locationOf(page))).toMatchObject({
      linkError: 'sign-in-required',
      provider: 'google',
    });

    const { browser } = await signedInBrowser();
    const badReturn = await browser.get(
      '/api/integrations/google/oauth/start?returnTo=https://evil.example/',
    );
    expect(badReturn.status).toBe(400);
    expect((await badReturn.json()).error.message).toMatch(/^returnTo: /);
  });

  it.each([
    '/.//evil.example',
    '/%2e//evil.example',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
  ])('refuses to start with returnTo %j, a path that leaves the site', async (returnTo) => {
    const { browser } = await signedInBrowser();
    const start = await browser.get(
      `/api/integrations/linkedin/oauth/start?returnTo=${encodeURIComponent(returnTo)}`,
    );
    expect(start.status).toBe(400);
    expect((await start.json()).error.message).toMatch(/^returnTo: must be a path on this site/);
  });

  /** A genuine consent whose state is swapped for one this test signs, carrying `returnTo`. */
  async function consentWithReturnTo(
    browser: TestBrowser,
    uid: string,
    slug: ProviderSlug,
    returnTo: string,
  ) {
    const providerId = providerIdForSlug(slug);
    const nonce = newOAuthNonce();
    const remembered = await new OAuthNonceStore(redis, app.redisPrefix).remember(
      nonce,
      { uid, providerId, codeVerifier: null },
      oauthStateLifetimeMs,
    );
    expect(remembered).toBe(true);
    const start = await browser.get(`/api/integrations/${slug}/oauth/start`);
    const authorizeUrl = new URL(await locationOf(start));
    browser.setCookie(`__oauth_${slug}`, nonce);
    const { state } = signOAuthState(stateSecret, { uid, providerId, nonce, returnTo, now: new Date() });
    authorizeUrl.searchParams.set('state', state);
    return driveConsent(authorizeUrl.href, { login: ada });
  }

  it('never redirects off the site, even for a signed state whose returnTo normalises to //host', async () => {
    const { browser: alices, user: alice } = await signedInBrowser();
    const { browser: bobs } = await signedInBrowser();
    const stolen = await consentWithReturnTo(alices, alice.uid, 'tiktok', '/.//evil.example');
    // Opened by someone else: a refusal, on the app's own page.
    expect(await locationOf(await bobs.get(stolen.href))).toBe('/?linkError=wrong-user&provider=tiktok');

    const { browser, user } = await signedInBrowser();
    const own = await consentWithReturnTo(browser, user.uid, 'linkedin', '/%2e//evil.example');
    expect(await locationOf(await browser.get(own.href))).toBe('/?linked=linkedin&pick=1');
  });

  it('sends refusals to the dashboard, not to returnTo, and spends the state on each', async () => {
    const { browser: alices, user: alice } = await signedInBrowser();
    const { browser: bobs } = await signedInBrowser();
    const stolen = await consentWithReturnTo(alices, alice.uid, 'tiktok', '/elsewhere?tab=jobs');
    expect(await locationOf(await bobs.get(stolen.href))).toBe('/?linkError=wrong-user&provider=tiktok');
    expect(await locationOf(await alices.get(stolen.href))).toBe('/?linkError=state-used&provider=tiktok');

    const start = await alices.get('/api/integrations/meta/oauth/start?returnTo=/elsewhere');
    const denied = await driveConsent(await locationOf(start), { login: ada, decision: 'deny' });
    expect(await locationOf(await alices.get(denied.href))).toBe('/?linkError=denied&provider=meta');
    await expectNothingStored(alice.uid, 'tiktok');
    await expectNothingStored(alice.uid, 'facebook');
  });

  it('starts with a Bearer token too, and lands on the requested dashboard path', async () => {
    const user = await createTestUser();
    const browser = new TestBrowser(app.url);
    const start = await browser.get('/api/integrations/linkedin/oauth/start?returnTo=/?tab=jobs', {
      authorization: `Bearer ${user.idToken}`,
    });
    const callbackUrl = await driveConsent(await locationOf(start), { login: ada });
    // The browser holds the start's binding cookie, no session: that is enough.
    expect(await locationOf(await browser.get(callbackUrl.href))).toBe('/?tab=jobs&linked=linkedin&pick=1');
    expect((await storedFor(user.uid, 'linkedin')).integration?.lastSyncStatus).toBe('never');
  });
});

describe('integrations.connectUrl, accounts, selectAccounts, disconnect', () => {
  it('connectUrl gives the authorize URL; the signed-in browser completes it without the start cookie', async () => {
    const { browser, user } = await signedInBrowser();
    const { url } = await app.trpcAs(user.idToken).integrations.connectUrl.mutate({ providerId: 'google' });
    expect(new URL(url).searchParams.get('client_id')).toBe(clientIdOf('google'));
    const callbackUrl = await driveConsent(url, { login: ada });
    expect(await locationOf(await browser.get(callbackUrl.href))).toBe('/?linked=google&pick=1');

    const error = await trpcError(app.trpcAs(null).integrations.connectUrl.mutate({ providerId: 'google' }));
    expect(error.data).toMatchObject({ httpStatus: 401 });
    const bad = await trpcError(
      app.trpcAs(user.idToken).integrations.connectUrl.mutate({ providerId: 'myspace' as ProviderId }),
    );
    expect(bad.data).toMatchObject({ httpStatus: 400 });
    expect(bad.message).toMatch(/^providerId: must be one of google, facebook, linkedin, tiktok/);
  });

  it('lists accounts, selects valid ones, and names the field of an id that is not the login’s', async () => {
    const { browser, user } = await signedInBrowser();
    const { callbackUrl } = await consent(browser, 'tiktok');
    await locationOf(await browser.get(callbackUrl.href));
    const client = app.trpcAs(user.idToken);
    const listed = await client.integrations.accounts.query({ providerId: 'tiktok' });
    expect(listed).toMatchObject({ syncsAllAccounts: true, awaitingAccountChoice: true });
    // Nothing syncs before the choice, not even "Run sync now".
    const early = await trpcError(client.integrations.manualSync.mutate({ providerId: 'tiktok' }));
    expect(early.data).toMatchObject({ httpStatus: 409 });
    expect(early.message).toMatch(/^choose the tiktok ad accounts to sync first/);
    const usable = listed.accounts.filter((a) => !a.isManager).map((a) => a.id);
    expect(usable.length).toBeGreaterThan(1);

    const bad = await trpcError(
      client.integrations.selectAccounts.mutate({
        providerId: 'tiktok',
        accountIds: [usable[0] ?? '', 'not-mine'],
      }),
    );
    expect(bad.data).toMatchObject({ httpStatus: 400 });
    expect(bad.message).toMatch(/^accountIds\.1: "not-mine" is not an ad account of this TikTok Ads login/);
    expect((await integrations().get(user.uid, 'tiktok'))?.selectedAccountIds).toEqual([]);

    const chosen = await client.integrations.selectAccounts.mutate({
      providerId: 'tiktok',
      accountIds: [usable[1] ?? ''],
    });
    expect(chosen).toMatchObject({ selectedAccountIds: [usable[1]], syncsAllAccounts: false });
    expect((await integrations().get(user.uid, 'tiktok'))?.selectedAccountIds).toEqual([usable[1]]);
    const backfill = chosen.backfill?.jobId ?? '';
    expect(backfill).not.toBe('');

    // Narrowing the choice adds nothing to fetch; widening it backfills the added account
    // (while the first backfill is still queued, that same job covers it).
    const narrower = await client.integrations.selectAccounts.mutate({
      providerId: 'tiktok',
      accountIds: [usable[1] ?? ''],
    });
    expect(narrower.backfill).toBeNull();
    const wider = await client.integrations.selectAccounts.mutate({
      providerId: 'tiktok',
      accountIds: [usable[1] ?? '', usable[0] ?? ''],
    });
    expect(wider.backfill).toEqual({ jobId: backfill, created: false });

    const other = await createTestUser();
    const forbidden = await trpcError(
      app.trpcAs(other.idToken).integrations.accounts.query({ providerId: 'tiktok', userId: user.uid }),
    );
    expect(forbidden.data).toMatchObject({ httpStatus: 403 });
    const missing = await trpcError(
      app.trpcAs(other.idToken).integrations.accounts.query({ providerId: 'tiktok' }),
    );
    expect(missing.data).toMatchObject({ httpStatus: 404 });
  });

  it('re-linking keeps automation settings and the account selection', async () => {
    const { browser, user } = await signedInBrowser();
    const first = await consent(browser, 'linkedin');
    await locationOf(await browser.get(first.callbackUrl.href));
    const client = app.trpcAs(user.idToken);
    const before = await integrations().get(user.uid, 'linkedin');
    const keep = before?.adAccounts.find((a) => !a.isManager)?.id ?? '';
    await client.integrations.selectAccounts.mutate({ providerId: 'linkedin', accountIds: [keep] });
    await integrations().updateAutomation(user.uid, 'linkedin', {
      autoSyncEnabled: false,
      syncFrequencyMinutes: 120,
    });
    await integrations().updateSyncStatus(user.uid, 'linkedin', {
      reconnectRequired: true,
      lastSyncStatus: 'error',
    });

    const again = await consent(browser, 'linkedin');
    expect(await locationOf(await browser.get(again.callbackUrl.href))).toBe('/?linked=linkedin');
    const after = await integrations().get(user.uid, 'linkedin');
    expect(after).toMatchObject({
      autoSyncEnabled: false,
      syncFrequencyMinutes: 120,
      selectedAccountIds: [keep],
      reconnectRequired: false,
      lastSyncStatus: 'pending',
      nextSyncDueAt: null,
    });
    expect(after?.linkedAt.getTime()).toBeGreaterThan(before?.linkedAt.getTime() ?? 0);
  });

  it('disconnect revokes at the platform, deletes the credential and the link, and keeps history', async () => {
    const { browser, user } = await signedInBrowser();
    const { callbackUrl } = await consent(browser, 'meta');
    await locationOf(await browser.get(callbackUrl.href));
    const accounts = await app.trpcAs(user.idToken).integrations.accounts.query({ providerId: 'facebook' });
    await app.trpcAs(user.idToken).integrations.selectAccounts.mutate({
      providerId: 'facebook',
      accountIds: accounts.accounts.filter((a) => !a.isManager).map((a) => a.id),
    });
    const tokens = await credentials().load(user.uid, 'facebook');
    const jobId = (await integrations().get(user.uid, 'facebook'))?.liveSyncJobId;
    await seedMetrics(user.uid, [
      metricsDay('facebook', '2026-11-01', [
        { id: 'c1', currencyCode: 'USD', spend: 10, clicks: 1, impressions: 100 },
      ]),
    ]);

    const result = await app.trpcAs(user.idToken).integrations.disconnect.mutate({ providerId: 'facebook' });
    expect(result).toMatchObject({
      disconnected: true,
      revoke: { status: 'revoked' },
      credentialDeleted: true,
      cancelledJobId: jobId,
      historyKept: true,
    });
    const grants = (await (await fetch(`${sandbox.url}/__sandbox/grants`)).json()) as {
      grants: { revokedAt: number | null; accessTokens: { token: string }[] }[];
    };
    const grant = grants.grants.find((g) => g.accessTokens.some((a) => a.token === tokens?.accessToken));
    expect(grant?.revokedAt).not.toBeNull();

    const stored = await storedFor(user.uid, 'facebook');
    expect(stored.integration).toBeNull();
    expect(stored.credentialExists).toBe(false);
    expect(stored.jobs).toHaveLength(1);
    expect(stored.jobs[0]).toMatchObject({
      id: jobId,
      status: 'error',
      errorMessage: expect.stringMatching(/disconnected/),
    });
    expect(await syncQueue.getJob(jobId ?? '')).toBeUndefined();
    expect((await db().collection(`users/${user.uid}/adMetrics`).get()).size).toBe(1);

    const again = await trpcError(
      app.trpcAs(user.idToken).integrations.disconnect.mutate({ providerId: 'facebook' }),
    );
    expect(again.data).toMatchObject({ httpStatus: 404 });
  });

  it('disconnect says so when the platform does not confirm the revocation, and still deletes the tokens', async () => {
    const { browser, user } = await signedInBrowser();
    const { callbackUrl } = await consent(browser, 'google');
    await locationOf(await browser.get(callbackUrl.href));
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'server-error', provider: 'google', path: '/revoke', count: 10 }),
    });
    try {
      const result = await app.trpcAs(user.idToken).integrations.disconnect.mutate({ providerId: 'google' });
      expect(result.revoke.status).toBe('failed');
      expect(result.message).toMatch(/did not confirm the revocation/);
      expect(JSON.stringify(result)).not.toMatch(/DO-NOT-LEAK/);
    } finally {
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
    const stored = await storedFor(user.uid, 'google');
    expect(stored.integration).toBeNull();
    expect(stored.credentialExists).toBe(false);
  });
});
