/**
 * `pnpm dev`: runs the whole product locally. Starts the Firestore and Auth emulators on their usual
 * ports (8080, 9099) unless FIRESTORE_EMULATOR_HOST / FIREBASE_AUTH_EMULATOR_HOST point at running
 * ones (e.g. from docker compose), checks Redis, fills in development-only defaults for secrets
 * (never used when NODE_ENV=production), then runs the given command (turbo's dev tasks).
 */
import { existsSync } from 'node:fs';
// A file import, not a package dependency: @cohorts/core already depends on this package for its
// tests, and turbo refuses a dependency cycle. The file is pure data.
import { developmentSecrets } from '../../core/src/config/development-settings';
import { runWithServices } from './run-with-services';

if (existsSync('.env')) process.loadEnvFile('.env');
if (process.env.NODE_ENV === 'production') {
  console.error('with-dev-services is for local development; NODE_ENV=production is set.');
  process.exit(2);
}

const developmentDefaults: Record<string, string> = {
  FIREBASE_PROJECT_ID: 'demo-cohorts',
  // Published development-only secrets, so a fresh clone runs with no setup; production refuses them.
  ...developmentSecrets,
  APP_BASE_URL: 'http://localhost:3000',
};
// An empty value (`NAME=` copied from .env.example) counts as unset, as in the apps' env parsing.
const fill = (defaults: Record<string, string>) => {
  for (const [name, value] of Object.entries(defaults)) if (!process.env[name]) process.env[name] = value;
};
fill(developmentDefaults);

/**
 * The ad platform sandbox (`apps/sandbox`, started by `turbo run dev` on port 4010) stands in for
 * all four platforms on a fresh clone: it accepts any client id and secret, so these development
 * OAuth apps let a newcomer link every platform through the real redirects with no credentials.
 * A platform whose real app is configured in .env is left alone; real apps and no ADS_SANDBOX_URL
 * means the real platforms.
 */
const sandboxUrl = 'http://127.0.0.1:4010';
const callback = (slug: string) => `${process.env.APP_BASE_URL}/api/integrations/${slug}/oauth/callback`;
const sandboxApps: Record<string, Record<string, string>> = {
  google: {
    GOOGLE_ADS_CLIENT_ID: 'sandbox-google-ads-client',
    GOOGLE_ADS_CLIENT_SECRET: 'sandbox-google-ads-secret',
    GOOGLE_ADS_DEVELOPER_TOKEN: 'sandbox-developer-token',
    GOOGLE_ADS_OAUTH_REDIRECT_URI: callback('google'),
  },
  meta: {
    META_APP_ID: 'sandbox-meta-app',
    META_APP_SECRET: 'sandbox-meta-secret',
    META_OAUTH_REDIRECT_URI: callback('meta'),
  },
  linkedin: {
    LINKEDIN_CLIENT_ID: 'sandbox-linkedin-client',
    LINKEDIN_CLIENT_SECRET: 'sandbox-linkedin-secret',
    LINKEDIN_OAUTH_REDIRECT_URI: callback('linkedin'),
  },
  tiktok: {
    TIKTOK_CLIENT_KEY: 'sandbox-tiktok-client',
    TIKTOK_CLIENT_SECRET: 'sandbox-tiktok-secret',
    TIKTOK_OAUTH_REDIRECT_URI: callback('tiktok'),
    TIKTOK_OAUTH_SCOPES: 'ads.read',
  },
};
const appCredentials = /_(CLIENT_ID|CLIENT_SECRET|APP_ID|APP_SECRET|CLIENT_KEY)$/;
const hasRealApp = (app: Record<string, string>) =>
  Object.keys(app).some((name) => appCredentials.test(name) && process.env[name]);
const anyRealApp = Object.values(sandboxApps).some(hasRealApp);
if (!anyRealApp) fill({ ADS_SANDBOX_URL: sandboxUrl });
if (process.env.ADS_SANDBOX_URL) {
  for (const app of Object.values(sandboxApps)) if (!hasRealApp(app)) fill(app);
  console.log(`ad platforms: the sandbox at ${process.env.ADS_SANDBOX_URL} (development OAuth apps)`);
}

await runWithServices(process.argv.slice(2), {
  label: 'local services',
  ports: { firestore: 8080, auth: 9099 },
});
