import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { type ProviderId, ProviderIdSchema } from '../contract/provider-ids';

/** How long a user has between "Link" and the platform's redirect back. */
export const oauthStateLifetimeMs = 10 * 60 * 1000;

/** `${providerId}:${userId}`: one credential per user and platform (also the rate limiter's key). */
export function credentialIdFor(userId: string, providerId: ProviderId): string {
  return `${providerId}:${userId}`;
}

/**
 * Where the browser goes after the callback: the shape of a path (`/...`, never `//host` or a
 * scheme). The shape alone does not keep it on the site (`/.//host` normalises to `//host`): the web
 * app also resolves it against its own origin before it signs or follows one.
 */
export const ReturnToSchema = z
  .string()
  .max(512)
  .regex(/^\/(?![/\\])[^\s]*$/, { error: 'must be a path on this site, such as /' });

export const OAuthStatePayloadSchema = z.object({
  v: z.literal(1),
  uid: z.string().min(1),
  providerId: ProviderIdSchema,
  /** Random and single-use: the server keeps it (with the PKCE verifier) until the callback consumes it. */
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
  issuedAt: z.int(),
  expiresAt: z.int(),
  returnTo: ReturnToSchema,
});
export type OAuthStatePayload = z.infer<typeof OAuthStatePayloadSchema>;

export function newOAuthNonce(): string {
  return randomBytes(24).toString('base64url');
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`cohorts-oauth-state.${body}`, 'utf8').digest();
}

/** `base64url(JSON payload).base64url(HMAC-SHA256)`: opaque to the platform, checkable only by us. */
export function signOAuthState(
  secret: string,
  input: { uid: string; providerId: ProviderId; nonce: string; returnTo?: string; now: Date },
): { state: string; payload: OAuthStatePayload } {
  const issuedAt = input.now.getTime();
  const payload = OAuthStatePayloadSchema.parse({
    v: 1,
    uid: input.uid,
    providerId: input.providerId,
    nonce: input.nonce,
    issuedAt,
    expiresAt: issuedAt + oauthStateLifetimeMs,
    returnTo: input.returnTo ?? '/',
  });
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return { state: `${body}.${mac(secret, body).toString('base64url')}`, payload };
}

/** Why a state was refused; each reads as a sentence to a person (see `oauthStateProblems`). */
export type OAuthStateProblem = 'missing' | 'tampered' | 'expired' | 'wrong-provider' | 'wrong-user';

export type OAuthStateCheck =
  | { ok: true; payload: OAuthStatePayload }
  | { ok: false; problem: OAuthStateProblem };

export const oauthStateProblems: Record<OAuthStateProblem, string> = {
  missing: 'the platform sent no state back',
  tampered: 'the state is not one this server issued (it was altered or forged)',
  expired: 'the sign-in took longer than 10 minutes; start again',
  'wrong-provider': 'the state was issued for a different platform',
  'wrong-user': 'the state was issued to a different signed-in user',
};

/**
 * Verifies a state in constant time against its signature, then its platform, expiry and (when the
 * request says who is signed in) its user. Pure: the single-use check is the nonce store's job.
 */
export function verifyOAuthState(
  secret: string,
  state: string | null | undefined,
  expected: { providerId: ProviderId; now: Date; uid?: string | undefined },
): OAuthStateCheck {
  if (!state) return { ok: false, problem: 'missing' };
  const parts = state.split('.');
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature || !/^[A-Za-z0-9_-]+$/.test(signature)) {
    return { ok: false, problem: 'tampered' };
  }
  const presented = Buffer.from(signature, 'base64url');
  const wanted = mac(secret, body);
  if (presented.length !== wanted.length || !timingSafeEqual(presented, wanted)) {
    return { ok: false, problem: 'tampered' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'tampered' };
  }
  const parsed = OAuthStatePayloadSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, problem: 'tampered' };
  const payload = parsed.data;
  if (payload.providerId !== expected.providerId) return { ok: false, problem: 'wrong-provider' };
  if (expected.now.getTime() >= payload.expiresAt) return { ok: false, problem: 'expired' };
  if (expected.uid !== undefined && expected.uid !== payload.uid) return { ok: false, problem: 'wrong-user' };
  return { ok: true, payload };
}
