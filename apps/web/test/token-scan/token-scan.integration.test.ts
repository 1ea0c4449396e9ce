import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProviderSlug, providerIdForSlug, providerSlugs } from '@cohorts/core';
import { driveConsent, type RunningSandbox, startSandbox } from '@cohorts/sandbox';
import { createTestUser, type TestUser, testFirestore } from '@cohorts/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as callbackRoute from '../../src/app/api/integrations/[slug]/oauth/callback/route';
import * as startRoute from '../../src/app/api/integrations/[slug]/oauth/start/route';
import * as processRoute from '../../src/app/api/integrations/process/route';
import { closeLinkingServices } from '../../src/server/linking/services';
import { startTestApp, type TestApp } from '../support/app';
import { locationOf, TestBrowser } from '../support/browser';
import { firestoreSnapshot } from '../support/firestore-snapshot';
import type { MountedRoute } from '../support/http-server';
import { resultSize, writeReliabilityResult } from '../support/reliability-results';
import { type Corpus, scanForTokens } from './scan';

/**
 * After a full run (a user links all four platforms through the sandbox's consent pages, chooses
 * accounts, and every backfill is processed), no plaintext token is anywhere it could leak from:
 * every Firestore document, every raw payload file, every log line the run printed. The sandbox says
 * which tokens it issued, so the scan looks for each one verbatim, and for any `access_token` /
 * `refresh_token` / `accessToken` / `refreshToken` / `idToken` field holding a string.
 */
let app: TestApp;
let sandbox: RunningSandbox;
let user: TestUser;
const rawPayloadDir = mkdtempSync(join(tmpdir(), 'cohorts-token-scan-'));
const logLines: string[] = [];
const restoreConsole: (() => void)[] = [];
const cronKey = process.env.INTEGRATIONS_CRON_SECRET ?? '';

type SlugRoute = (request: Request, context: { params: Promise<{ slug: string }> }) => Promise<Response>;
const withSlug = (route: SlugRoute, slug: string) => (request: Request) =>
  route(request, { params: Promise.resolve({ slug }) });

function routes(): MountedRoute[] {
  return [
    { path: '/api/integrations/process', module: processRoute },
    ...providerSlugs.flatMap((slug) => [
      { path: `/api/integrations/${slug}/oauth/start`, module: { GET: withSlug(startRoute.GET, slug) } },
      {
        path: `/api/integrations/${slug}/oauth/callback`,
        module: { GET: withSlug(callbackRoute.GET, slug) },
      },
    ]),
  ];
}

/** Keeps every line the code under test logs (and still prints it). */
function captureLogs(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      logLines.push(
        args
          .map((arg) =>
            arg instanceof Error
              ? `${arg.message}\n${arg.stack}`
              : typeof arg === 'string'
                ? arg
                : JSON.stringify(arg),
          )
          .join(' '),
      );
      original.apply(console, args);
    };
    restoreConsole.push(() => {
      console[method] = original;
    });
  }
}

/** Processes waiting sync jobs as the cron `process` route does, until nothing waits; returns how many. */
async function processAll(): Promise<number> {
  let processed = 0;
  for (let round = 0; round < 40; round += 1) {
    const response = await app.fetch('/api/integrations/process', {
      method: 'POST',
      headers: { 'x-cron-key': cronKey, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { processed: boolean };
    if (!body.processed) return processed;
    processed += 1;
  }
  return processed;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

beforeAll(async () => {
  captureLogs();
  process.env.RAW_PAYLOAD_DIR = rawPayloadDir;
  sandbox = await startSandbox({ port: 0 });
  app = await startTestApp(routes());
  const callback = (slug: ProviderSlug) => `${app.url}/api/integrations/${slug}/oauth/callback`;
  Object.assign(process.env, {
    ADS_SANDBOX_URL: sandbox.url,
    GOOGLE_ADS_CLIENT_ID: 'token-scan-google',
    GOOGLE_ADS_CLIENT_SECRET: 'google-secret-DO-NOT-LEAK',
    GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token-DO-NOT-LEAK',
    GOOGLE_ADS_OAUTH_REDIRECT_URI: callback('google'),
    META_APP_ID: 'token-scan-facebook',
    META_APP_SECRET: 'meta-secret-DO-NOT-LEAK',
    META_OAUTH_REDIRECT_URI: callback('meta'),
    LINKEDIN_CLIENT_ID: 'token-scan-linkedin',
    LINKEDIN_CLIENT_SECRET: 'linkedin-secret-DO-NOT-LEAK',
    LINKEDIN_OAUTH_REDIRECT_URI: callback('linkedin'),
    TIKTOK_CLIENT_KEY: 'token-scan-tiktok',
    TIKTOK_CLIENT_SECRET: 'tiktok-secret-DO-NOT-LEAK',
    TIKTOK_OAUTH_REDIRECT_URI: callback('tiktok'),
    TIKTOK_OAUTH_SCOPES: 'ads.read',
  });
  user = await createTestUser();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await closeLinkingServices();
  await sandbox?.close();
  for (const restore of restoreConsole) restore();
  rmSync(rawPayloadDir, { recursive: true, force: true });
});

describe('no plaintext token after a full run', () => {
  it('the scan finds a token that is there (so a 0 means something)', () => {
    const token = 'ya29.sandbox-planted';
    const corpus: Corpus = {
      firestore: [
        { path: 'users/u/adIntegrations/google', text: JSON.stringify({ accessToken: null, note: token }) },
      ],
      rawPayloads: [{ path: 'p.json', text: JSON.stringify({ data: { refresh_token: 'r-1' } }) }],
      logLines: [`refreshing with ${token}`],
    };
    expect(scanForTokens(corpus, [token]).map((f) => f.where)).toEqual([
      'firestore users/u/adIntegrations/google: token',
      'raw payload p.json: field refresh_token',
      'log line 1: token',
    ]);
  });

  it('links four platforms, syncs them, and leaves no token in Firestore, raw payloads or logs', async () => {
    const browser = new TestBrowser(app.url);
    await browser.signIn(user.idToken);
    const client = app.trpcAs(user.idToken);
    for (const slug of providerSlugs) {
      const start = await browser.get(`/api/integrations/${slug}/oauth/start`);
      const callbackUrl = await driveConsent(await locationOf(start), {
        login: 'ada@northwind-agency.example',
      });
      expect(await locationOf(await browser.get(callbackUrl.href))).toContain(`linked=${slug}`);
      const providerId = providerIdForSlug(slug);
      const { accounts } = await client.integrations.accounts.query({ providerId });
      const chosen = accounts
        .filter((account) => !account.isManager)
        .slice(0, 2)
        .map((account) => account.id);
      await client.integrations.selectAccounts.mutate({ providerId, accountIds: chosen });
    }

    // Process every backfill here, as the cron `process` route does, until nothing waits.
    let processed = await processAll();
    expect(processed).toBeGreaterThanOrEqual(providerSlugs.length);

    // Then the unhappy path, where errors get logged: every grant revoked at the platforms, and a
    // manual sync of each platform fails for want of a working token.
    for (const grant of sandbox.state.grants.list()) sandbox.state.grants.revoke(grant, Date.now());
    for (const slug of providerSlugs) {
      await client.integrations.manualSync.mutate({ providerId: providerIdForSlug(slug) });
    }
    processed += await processAll();

    const issued = sandbox.state.grants.issuedTokens();
    expect(issued.length).toBeGreaterThanOrEqual(providerSlugs.length);
    const documents = await firestoreSnapshot(testFirestore());
    const corpus: Corpus = {
      firestore: [...documents].map(([path, text]) => ({ path, text })),
      rawPayloads: filesUnder(rawPayloadDir).map((path) => ({ path, text: readFileSync(path, 'utf8') })),
      logLines: [...logLines],
    };
    const found = scanForTokens(corpus, issued, `users/${user.uid}/`);
    const userDocuments = corpus.firestore.filter((d) => d.path.startsWith(`users/${user.uid}/`)).length;

    const size = resultSize();
    writeReliabilityResult('token-scan', size, size === 'full' ? 'pnpm test:token-scan' : 'pnpm test', [
      { name: 'tokens the sandbox issued', value: issued.length, target: '> 0', pass: issued.length > 0 },
      {
        name: 'sync jobs processed',
        value: processed,
        target: `>= ${providerSlugs.length}`,
        pass: processed >= providerSlugs.length,
      },
      {
        name: 'Firestore documents scanned',
        value: corpus.firestore.length,
        target: '> 0',
        pass: userDocuments > 0,
      },
      {
        name: 'raw payload files scanned',
        value: corpus.rawPayloads.length,
        target: '> 0',
        pass: corpus.rawPayloads.length > 0,
      },
      { name: 'log lines scanned', value: corpus.logLines.length, target: '-', pass: true },
      { name: 'plaintext tokens found', value: found.length, target: '0', pass: found.length === 0 },
    ]);
    expect(userDocuments).toBeGreaterThan(0);
    expect(corpus.rawPayloads.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  }, 600_000);
});
