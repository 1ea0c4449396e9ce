import { firebaseProjectId } from '@cohorts/test-harness';

/**
 * An ID token for `uid` that expired an hour ago. The Auth emulator's tokens are unsigned
 * (`alg: none`), and firebase-admin in emulator mode checks everything but the signature, so this
 * is exactly what an expired emulator token looks like.
 */
export function expiredIdToken(uid: string): string {
  const projectId = firebaseProjectId();
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'none', typ: 'JWT' });
  const payload = encode({
    iss: `https://securetoken.google.com/${projectId}`,
    aud: projectId,
    auth_time: now - 7200,
    user_id: uid,
    sub: uid,
    iat: now - 7200,
    exp: now - 3600,
    firebase: { identities: {}, sign_in_provider: 'password' },
  });
  return `${header}.${payload}.`;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
