import { firebaseProjectId } from '@cohorts/test-harness';

/**
 * An ID token for `uid` that expired an hour ago. The Auth emulator's tokens are unsigned
 * (`alg: none`), and firebase-admin in emulator mode checks everything but the signature, so this
 * is exactly what an expired emulator token looks like.
 */
export function expiredIdToken(uid: string): string {
  const now = Math.floor(Date.now() / 1000);
  return emulatorIdToken(uid, { authTime: now - 7200, issuedAt: now - 7200, expiresAt: now - 3600 });
}

/**
 * A fresh emulator ID token for `uid` in `projectId` (with custom `claims` such as `{ admin: true }`),
 * for a user made with firebase-admin in a Firestore/Auth project of the test's own.
 */
export function freshIdToken(uid: string, projectId: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return emulatorIdToken(uid, { authTime: now, issuedAt: now, expiresAt: now + 3600 }, projectId, claims);
}

function emulatorIdToken(
  uid: string,
  times: { authTime: number; issuedAt: number; expiresAt: number },
  projectId = firebaseProjectId(),
  claims: Record<string, unknown> = {},
): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'none', typ: 'JWT' });
  const payload = encode({
    iss: `https://securetoken.google.com/${projectId}`,
    aud: projectId,
    auth_time: times.authTime,
    user_id: uid,
    sub: uid,
    iat: times.issuedAt,
    exp: times.expiresAt,
    firebase: { identities: {}, sign_in_provider: 'password' },
    ...claims,
  });
  return `${header}.${payload}.`;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
