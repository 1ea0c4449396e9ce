/**
 * The development-only secrets `pnpm dev` fills in when unset, so a fresh clone runs with no setup.
 * They are published in this repository, so production refuses them (`production-settings.ts`).
 * Pure data: the dev launcher (`packages/test-harness`) imports this file directly.
 */
export const developmentSecrets = {
  TOKEN_ENCRYPTION_KEYS: `dev:${Buffer.alloc(32, 42).toString('base64')}`,
  OAUTH_STATE_SECRET: 'development-only-oauth-state-secret-change-me',
  INTEGRATIONS_CRON_SECRET: 'development-only-cron-secret',
} as const;
