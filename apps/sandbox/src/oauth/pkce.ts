import { createHash } from 'node:crypto';

/** RFC 7636: 43-128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER_OR_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isPkceValue(value: string): boolean {
  return VERIFIER_OR_CHALLENGE.test(value);
}

/** Does `verifier` answer the `challenge` sent at authorization? */
export function verifyPkce(challenge: string, method: 'S256' | 'plain', verifier: string): boolean {
  if (!isPkceValue(verifier)) return false;
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
