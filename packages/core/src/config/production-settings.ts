import { developmentSecrets } from './development-settings';
import type { Env } from './parse-env';

/** Variables that only make sense on a developer's machine or in tests, and why each is dangerous live. */
const developmentOnlyVariables: Record<string, string> = {
  FIRESTORE_EMULATOR_HOST: 'it points Firestore at a local emulator',
  FIREBASE_AUTH_EMULATOR_HOST: 'it turns off ID-token signature checks',
  ADS_SANDBOX_URL: "it sends every platform call, the OAuth apps' client secrets included, to that URL",
  CLOCK_START_AT: 'it moves the clock away from real time',
  CLOCK_OFFSET_MS: 'it moves the clock away from real time',
};

const isSet = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * With NODE_ENV=production: one problem per development setting found (emulators, the sandbox,
 * clock overrides, the published development secrets), each naming its variable and never echoing
 * a secret. Empty otherwise. Pure, so web and worker refuse the same things.
 */
export function developmentSettingsInProduction(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems = Object.entries(developmentOnlyVariables)
    .filter(([name]) => isSet(env[name]))
    .map(([name, why]) => `${name}: must not be set when NODE_ENV=production (${why})`);

  const developmentKey = developmentSecrets.TOKEN_ENCRYPTION_KEYS;
  const developmentKeyMaterial = developmentKey.slice(developmentKey.indexOf(':') + 1);
  const keys = (env.TOKEN_ENCRYPTION_KEYS ?? '').split(',').map((entry) => entry.trim());
  if (keys.some((entry) => entry === developmentKey || entry.endsWith(`:${developmentKeyMaterial}`))) {
    problems.push(
      'TOKEN_ENCRYPTION_KEYS: holds the published development key; generate your own (k1:$(openssl rand -base64 32))',
    );
  }
  for (const name of ['OAUTH_STATE_SECRET', 'INTEGRATIONS_CRON_SECRET'] as const) {
    if (env[name] === developmentSecrets[name]) {
      problems.push(`${name}: is the published development value; set a random secret of your own`);
    }
  }
  return problems;
}
