import { describe, expect, it } from 'vitest';
import {
  credentialIdFor,
  newOAuthNonce,
  oauthStateLifetimeMs,
  ReturnToSchema,
  signOAuthState,
  verifyOAuthState,
} from './oauth-state';

const secret = 'unit-test-oauth-state-secret-0123456789';
const now = new Date('2026-11-25T10:00:00Z');

function issue(overrides: { uid?: string; returnTo?: string } = {}) {
  return signOAuthState(secret, {
    uid: overrides.uid ?? 'user-a',
    providerId: 'google',
    nonce: newOAuthNonce(),
    now,
    ...(overrides.returnTo !== undefined && { returnTo: overrides.returnTo }),
  });
}

describe('OAuth state', () => {
  it('round-trips the user, platform, nonce and return path it was signed with', () => {
    const { state, payload } = issue({ returnTo: '/settings' });
    const check = verifyOAuthState(secret, state, { providerId: 'google', now, uid: 'user-a' });
    expect(check).toEqual({ ok: true, payload });
    expect(payload).toMatchObject({ uid: 'user-a', providerId: 'google', returnTo: '/settings' });
    expect(payload.expiresAt - payload.issuedAt).toBe(oauthStateLifetimeMs);
  });

  it('refuses a payload altered by one character, a forged signature and garbage', () => {
    const { state } = issue();
    const [body = '', signature = ''] = state.split('.');
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const otherUser = Buffer.from(JSON.stringify({ ...decoded, uid: 'user-b' })).toString('base64url');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const candidate of [
      `${otherUser}.${signature}`,
      `${body}.${flipped}`,
      `${body}.`,
      body,
      `${state}.extra`,
      'not-a-state',
    ]) {
      expect(verifyOAuthState(secret, candidate, { providerId: 'google', now })).toEqual({
        ok: false,
        problem: 'tampered',
      });
    }
  });

  it('refuses a state signed with another secret', () => {
    const { state } = signOAuthState('another-secret-entirely-0123456789abc', {
      uid: 'user-a',
      providerId: 'google',
      nonce: newOAuthNonce(),
      now,
    });
    expect(verifyOAuthState(secret, state, { providerId: 'google', now })).toMatchObject({
      problem: 'tampered',
    });
  });

  it('expires after its lifetime, not before', () => {
    const { state } = issue();
    const justBefore = new Date(now.getTime() + oauthStateLifetimeMs - 1);
    const atExpiry = new Date(now.getTime() + oauthStateLifetimeMs);
    expect(verifyOAuthState(secret, state, { providerId: 'google', now: justBefore }).ok).toBe(true);
    expect(verifyOAuthState(secret, state, { providerId: 'google', now: atExpiry })).toEqual({
      ok: false,
      problem: 'expired',
    });
  });

  it('is bound to its platform and, when the caller is known, to its user', () => {
    const { state } = issue();
    expect(verifyOAuthState(secret, state, { providerId: 'tiktok', now })).toEqual({
      ok: false,
      problem: 'wrong-provider',
    });
    expect(verifyOAuthState(secret, state, { providerId: 'google', now, uid: 'user-b' })).toEqual({
      ok: false,
      problem: 'wrong-user',
    });
  });

  it('says so when no state came back', () => {
    expect(verifyOAuthState(secret, null, { providerId: 'google', now })).toEqual({
      ok: false,
      problem: 'missing',
    });
  });

  it('accepts only paths on this site as the return path', () => {
    expect(ReturnToSchema.safeParse('/').success).toBe(true);
    expect(ReturnToSchema.safeParse('/?tab=jobs').success).toBe(true);
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'evil', '/a b']) {
      expect(ReturnToSchema.safeParse(bad).success).toBe(false);
    }
    expect(() => issue({ returnTo: 'https://evil.example' })).toThrow();
  });

  it('names credentials provider:user and makes distinct nonces', () => {
    expect(credentialIdFor('u1', 'facebook')).toBe('facebook:u1');
    const nonces = new Set(Array.from({ length: 100 }, newOAuthNonce));
    expect(nonces.size).toBe(100);
  });
});
