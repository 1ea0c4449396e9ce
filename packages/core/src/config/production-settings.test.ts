import { describe, expect, it } from 'vitest';
import { developmentSecrets } from './development-settings';
import { developmentSettingsInProduction } from './production-settings';

const ownKey = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const production = {
  NODE_ENV: 'production',
  TOKEN_ENCRYPTION_KEYS: ownKey,
  OAUTH_STATE_SECRET: 'a-real-state-secret-of-forty-characters!',
  INTEGRATIONS_CRON_SECRET: 'a-real-cron-secret',
};

describe('development settings in production', () => {
  it('accepts a production environment of its own', () => {
    expect(developmentSettingsInProduction(production)).toEqual([]);
  });

  it.each([
    ['FIRESTORE_EMULATOR_HOST', '127.0.0.1:8080'],
    ['FIREBASE_AUTH_EMULATOR_HOST', '127.0.0.1:9099'],
    ['ADS_SANDBOX_URL', 'http://127.0.0.1:4010'],
    ['CLOCK_START_AT', '2026-12-31T23:30:00Z'],
    ['CLOCK_OFFSET_MS', '5000'],
  ])('refuses %s, naming it', (name, value) => {
    expect(developmentSettingsInProduction({ ...production, [name]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${name}: must not be set when NODE_ENV=production \\(.+\\)$`)),
    ]);
  });

  it('refuses the published development secrets, naming each and echoing none', () => {
    const problems = developmentSettingsInProduction({ ...production, ...developmentSecrets });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'TOKEN_ENCRYPTION_KEYS',
      'OAUTH_STATE_SECRET',
      'INTEGRATIONS_CRON_SECRET',
    ]);
    for (const value of Object.values(developmentSecrets)) expect(problems.join('\n')).not.toContain(value);
  });

  it('finds the development key behind another id or after the current key', () => {
    const material = developmentSecrets.TOKEN_ENCRYPTION_KEYS.split(':')[1];
    expect(
      developmentSettingsInProduction({ ...production, TOKEN_ENCRYPTION_KEYS: `${ownKey},old:${material}` }),
    ).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEYS: holds the published development key/)]);
  });

  it('leaves development and test alone, and counts an empty value as unset', () => {
    const devEnv = { ...developmentSecrets, FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' };
    expect(developmentSettingsInProduction({ ...devEnv, NODE_ENV: 'development' })).toEqual([]);
    expect(developmentSettingsInProduction({ ...devEnv, NODE_ENV: 'test' })).toEqual([]);
    expect(developmentSettingsInProduction({ ...production, ADS_SANDBOX_URL: '' })).toEqual([]);
  });
});
