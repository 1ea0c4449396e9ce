import type { OAuthTokenSet } from '@cohorts/core/contract';
import { expect } from 'vitest';
import { appSecrets } from './sandbox';

/** Every secret a test's calls knew: none may appear in an error, its JSON or a kept payload. */
export function secretsOf(tokens: OAuthTokenSet): string[] {
  return [
    tokens.accessToken,
    ...(tokens.refreshToken ? [tokens.refreshToken] : []),
    appSecrets.developerToken,
    ...(['google', 'facebook', 'linkedin', 'tiktok'] as const).map(appSecrets.clientSecret),
  ];
}

/** Asserts that no secret appears anywhere in `value` (message, JSON, stack, raw payloads). */
export function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
  const texts = [JSON.stringify(value) ?? ''];
  if (value instanceof Error) texts.push(value.message, String(value), value.stack ?? '');
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}
