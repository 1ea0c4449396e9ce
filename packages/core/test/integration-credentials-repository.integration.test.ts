import { accessOnlyTokens, testEncryptionKey, uniqueId } from '@cohorts/test-harness';
import { describe, expect, it } from 'vitest';
import { firestoreFor } from '../src/firestore/firebase-app';
import { integrationCredentialPath } from '../src/firestore/paths';
import { IntegrationCredentialsRepository } from '../src/repositories/integration-credentials-repository';
import { TokenVault } from '../src/secrets/token-vault';

const db = firestoreFor(process.env.FIREBASE_PROJECT_ID ?? 'demo-cohorts');
const k1 = testEncryptionKey('k1', 9);
const vault = new TokenVault(k1);
const credentials = new IntegrationCredentialsRepository(db, vault);
/** The same store after an operator put a new key k2 first. */
const rotated = new IntegrationCredentialsRepository(
  db,
  new TokenVault(`${testEncryptionKey('k2', 10)},${k1}`),
);
const at = new Date('2026-11-25T09:00:00.000Z');
const tokenSet = accessOnlyTokens;

async function storedKeyId(userId: string, providerId: 'tiktok' | 'google'): Promise<unknown> {
  return (await db.doc(integrationCredentialPath(userId, providerId)).get()).get('sealed.keyId');
}

describe('IntegrationCredentialsRepository (Firestore emulator)', () => {
  it('stores tokens encrypted and loads them back', async () => {
    const userId = uniqueId('u');
    const tokens = {
      accessToken: 'access-SECRET-1',
      refreshToken: 'refresh-SECRET-2',
      accessTokenExpiresAt: new Date('2026-11-25T10:00:00.000Z'),
      refreshTokenExpiresAt: null,
      scopes: ['https://www.googleapis.com/auth/adwords'],
      grantedAccountIds: [],
    };
    await credentials.save(userId, 'google', tokens, new Date('2026-11-25T09:00:00.000Z'));
    const raw = JSON.stringify((await db.doc(integrationCredentialPath(userId, 'google')).get()).data());
    expect(raw).not.toContain('SECRET');
    expect(await credentials.load(userId, 'google')).toEqual(tokens);
    await credentials.delete(userId, 'google');
    expect(await credentials.load(userId, 'google')).toBeNull();
  });

  it("does not open another user's sealed document copied into place", async () => {
    const [alice, bob] = [uniqueId('alice'), uniqueId('bob')];
    await credentials.save(
      alice,
      'tiktok',
      {
        accessToken: 'a',
        refreshToken: null,
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        scopes: [],
        grantedAccountIds: ['1'],
      },
      new Date('2026-11-25T09:00:00.000Z'),
    );
    const sealedDoc = (await db.doc(integrationCredentialPath(alice, 'tiktok')).get()).data();
    await db.doc(integrationCredentialPath(bob, 'tiktok')).set(sealedDoc ?? {});
    await expect(credentials.load(bob, 'tiktok')).rejects.toThrow(/could not be decrypted/);
  });

  it('re-seals a token stored under an older key when it is read, keeping when it was saved', async () => {
    const userId = uniqueId('rot');
    await credentials.save(userId, 'tiktok', tokenSet('tiktok-never-refreshed'), at);
    expect(await rotated.load(userId, 'tiktok')).toEqual(tokenSet('tiktok-never-refreshed'));
    expect(await storedKeyId(userId, 'tiktok')).toBe('k2');
    const raw = (await db.doc(integrationCredentialPath(userId, 'tiktok')).get()).data();
    expect(raw?.updatedAt.toDate()).toEqual(at);
    expect(await rotated.load(userId, 'tiktok')).toEqual(tokenSet('tiktok-never-refreshed'));
  });

  it('lets a refresh saved after the read win over the re-seal', async () => {
    const userId = uniqueId('rot-race');
    await credentials.save(userId, 'google', tokenSet('old-access'), at);
    const readBeforeRefresh = await rotated.document(userId, 'google').get();
    await credentials.save(
      userId,
      'google',
      tokenSet('refreshed-access'),
      new Date('2026-11-25T10:00:00.000Z'),
    );
    expect(await rotated.rotate(readBeforeRefresh)).toBe('changed-meanwhile');
    expect(await rotated.load(userId, 'google')).toEqual(tokenSet('refreshed-access'));
  });
});
