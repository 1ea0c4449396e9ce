/**
 * `pnpm dev`: runs the whole product locally. Starts the Firestore and Auth emulators on their usual
 * ports (8080, 9099) unless FIRESTORE_EMULATOR_HOST / FIREBASE_AUTH_EMULATOR_HOST point at running
 * ones (e.g. from docker compose), checks Redis, fills in development-only defaults for secrets
 * (never used when NODE_ENV=production), then runs the given command (turbo's dev tasks).
 */
import { existsSync } from 'node:fs';
import { runWithServices } from './run-with-services';

if (existsSync('.env')) process.loadEnvFile('.env');
if (process.env.NODE_ENV === 'production') {
  console.error('with-dev-services is for local development; NODE_ENV=production is set.');
  process.exit(2);
}

const developmentDefaults: Record<string, string> = {
  FIREBASE_PROJECT_ID: 'demo-cohorts',
  // Deterministic development-only secrets, so a fresh clone runs with no setup. Never for production.
  TOKEN_ENCRYPTION_KEYS: `dev:${Buffer.alloc(32, 42).toString('base64')}`,
  OAUTH_STATE_SECRET: 'development-only-oauth-state-secret-change-me',
  INTEGRATIONS_CRON_SECRET: 'development-only-cron-secret',
  APP_BASE_URL: 'http://localhost:3000',
};
for (const [name, value] of Object.entries(developmentDefaults)) process.env[name] ??= value;

await runWithServices(process.argv.slice(2), {
  label: 'local services',
  ports: { firestore: 8080, auth: 9099 },
});
