import { createHash, randomBytes } from 'node:crypto';

/** A PKCE code verifier (RFC 7636 §4.1): 43 characters of base64url from 32 random bytes. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** The S256 code challenge of a verifier (RFC 7636 §4.2). */
export function codeChallengeS256(codeVerifier: string): string {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(codeVerifier)) {
    throw new RangeError('a PKCE code verifier is 43-128 characters of A-Z a-z 0-9 . _ ~ -');
  }
  return createHash('sha256').update(codeVerifier).digest('base64url');
}
