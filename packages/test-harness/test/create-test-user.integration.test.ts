import { getAuth } from 'firebase-admin/auth';
import { describe, expect, it } from 'vitest';
import { createTestUser, testFirebaseApp } from '../src/fixtures';

describe('createTestUser (Auth emulator)', () => {
  it('returns an ID token that firebase-admin verifies for that user', async () => {
    const user = await createTestUser();
    const decoded = await getAuth(testFirebaseApp()).verifyIdToken(user.idToken);
    expect(decoded.uid).toBe(user.uid);
    expect(decoded.email).toBe(user.email);
    expect(decoded.admin).toBeUndefined();
  });

  it('puts custom claims in the token', async () => {
    const admin = await createTestUser({ claims: { admin: true } });
    const decoded = await getAuth(testFirebaseApp()).verifyIdToken(admin.idToken);
    expect(decoded.admin).toBe(true);
  });

  it('gives each user a distinct identity', async () => {
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    expect(a.uid).not.toBe(b.uid);
  });
});
