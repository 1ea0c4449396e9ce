import { describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './app-config';
import { ConfigError } from './parse-env';

const validKey = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const base = {
  FIREBASE_PROJECT_ID: 'demo-cohorts',
  TOKEN_ENCRYPTION_KEYS: validKey,
  OAUTH_STATE_SECRET: 'x'.repeat(40),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadWorkerEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('worker configuration', () => {
  it('applies defaults to a minimal valid environment', () => {
    const env = loadWorkerEnv(base);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.SCHEDULER_ALERT_FAILURE_THRESHOLD).toBe(3);
    expect(env.WORKER_CONCURRENCY).toBe(4);
  });

  it('names each missing variable and what it should look like', () => {
    const problems = problemsOf({});
    expect(problems.some((p) => p.startsWith('FIREBASE_PROJECT_ID is missing'))).toBe(true);
    expect(
      problems.some((p) => p.startsWith('TOKEN_ENCRYPTION_KEYS is missing') && p.includes('keyId:base64')),
    ).toBe(true);
  });

  it('names a malformed variable without echoing secrets', () => {
    const problems = problemsOf({
      ...base,
      REDIS_URL: 'http://nope',
      OAUTH_STATE_SECRET: 'short-secret-value',
    });
    expect(problems.find((p) => p.startsWith('REDIS_URL:'))).toMatch(/redis:\/\//);
    const secretProblem = problems.find((p) => p.startsWith('OAUTH_STATE_SECRET'));
    expect(secretProblem).toMatch(/at least 32 characters/);
    expect(secretProblem).not.toContain('short-secret-value');
  });

  it('refuses an encryption key id listed twice, naming the id', () => {
    const other = `k1:${Buffer.alloc(32, 8).toString('base64')}`;
    const problems = problemsOf({ ...base, TOKEN_ENCRYPTION_KEYS: `${validKey},${other}` });
    expect(problems).toEqual([
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEYS: key id "k1" is listed more than once/),
    ]);
    expect(problems.join()).not.toContain(other.slice(3));
  });

  it('rejects half a provider configuration, naming what is missing', () => {
    const problems = problemsOf({ ...base, TIKTOK_CLIENT_KEY: 'key' });
    expect(problems).toContainEqual(
      expect.stringMatching(/^TIKTOK_CLIENT_SECRET is missing: TIKTOK_CLIENT_KEY is set/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^TIKTOK_OAUTH_REDIRECT_URI is missing/));
  });

  it('refuses the Auth emulator in production', () => {
    const problems = problemsOf({
      ...base,
      NODE_ENV: 'production',
      FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099',
    });
    expect(problems).toContainEqual(expect.stringMatching(/^FIREBASE_AUTH_EMULATOR_HOST: must not be set/));
  });

  it('refuses development settings in production alongside invalid ones, in one list', () => {
    const problems = problemsOf({
      ...base,
      NODE_ENV: 'production',
      FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080',
      ADS_SANDBOX_URL: 'http://127.0.0.1:4010',
      REDIS_URL: 'http://nope',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'FIRESTORE_EMULATOR_HOST',
      'ADS_SANDBOX_URL',
      'REDIS_URL',
    ]);
  });

  it('rejects a non-numeric threshold', () => {
    expect(problemsOf({ ...base, SCHEDULER_ALERT_FAILURE_THRESHOLD: 'three' })).toContainEqual(
      expect.stringMatching(/^SCHEDULER_ALERT_FAILURE_THRESHOLD: must be a positive integer/),
    );
  });
});
