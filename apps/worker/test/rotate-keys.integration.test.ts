import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  firestoreFor,
  IntegrationCredentialsRepository,
  integrationCredentialPath,
  type OAuthTokenSet,
  TokenVault,
} from '@cohorts/core';
import { accessOnlyTokens, testEncryptionKey, uniqueId } from '@cohorts/test-harness';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const workerDir = fileURLToPath(new URL('..', import.meta.url));
const [k1, k2] = [testEncryptionKey('k1', 1), testEncryptionKey('k2', 2)];
const tokens = (accessToken: string): OAuthTokenSet => accessOnlyTokens(accessToken);

/** The real script in its own process, as an operator runs it. */
async function rotateKeys(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/rotate-keys.ts'],
      { cwd: workerDir, env: { ...process.env, ...env }, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    return z.object({ code: z.number(), stdout: z.string(), stderr: z.string() }).parse(error);
  }
}

describe('rotate-keys command (smoke size)', () => {
  it('re-seals every credential under the current key and reports moved, skipped and failed', async () => {
    // A Firestore project of its own, so the counts are this test's documents only.
    const projectId = `demo-rotate-${uniqueId('p')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')}`.slice(0, 40);
    const db = firestoreFor(projectId);
    const before = new IntegrationCredentialsRepository(db, new TokenVault(k1));
    const after = new IntegrationCredentialsRepository(db, new TokenVault(`${k2},${k1}`));
    const at = new Date('2026-11-25T09:00:00.000Z');
    await before.save('alice', 'facebook', tokens('meta-token'), at);
    await before.save('bob', 'tiktok', tokens('tiktok-token'), at);
    await after.save('carol', 'google', tokens('google-token'), at);
    // Sealed with a key nobody has any more: reported, not fatal.
    await new IntegrationCredentialsRepository(db, new TokenVault(testEncryptionKey('lost', 3))).save(
      'dave',
      'linkedin',
      tokens('linkedin-token'),
      at,
    );
    const env = { FIREBASE_PROJECT_ID: projectId, TOKEN_ENCRYPTION_KEYS: `${k2},${k1}` };

    const first = await rotateKeys(env);
    expect(first.stdout).toContain('key rotation to "k2": moved 2, skipped 1 (already current), failed 1');
    expect(first.stderr).toContain(`failed: ${integrationCredentialPath('dave', 'linkedin')}`);
    expect(first.stderr).toMatch(/"lost", which is not configured/);
    expect(first.code).toBe(1);
    for (const [userId, providerId] of [
      ['alice', 'facebook'],
      ['bob', 'tiktok'],
    ] as const) {
      const stored = await db.doc(integrationCredentialPath(userId, providerId)).get();
      expect(stored.get('sealed.keyId')).toBe('k2');
    }
    // Only k2 is needed now for what moved.
    const k2Only = new IntegrationCredentialsRepository(db, new TokenVault(k2));
    expect(await k2Only.load('alice', 'facebook')).toEqual(tokens('meta-token'));
    expect(`${first.stdout}${first.stderr}`).not.toMatch(/meta-token|tiktok-token|google-token/);

    await db.doc(integrationCredentialPath('dave', 'linkedin')).delete();
    const second = await rotateKeys(env);
    expect(second.stdout).toContain('moved 0, skipped 3 (already current), failed 0');
    expect(second.code).toBe(0);
  });

  it('refuses a repeated key id before touching anything (exit 78, names the id)', async () => {
    const result = await rotateKeys({
      FIREBASE_PROJECT_ID: 'demo-rotate-config',
      TOKEN_ENCRYPTION_KEYS: `${k2},${testEncryptionKey('k2', 4)}`,
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/TOKEN_ENCRYPTION_KEYS: key id "k2" is listed more than once/);
  });
});
