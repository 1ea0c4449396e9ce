import { createTestUser, type TestUser, waitFor } from '@cohorts/test-harness';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteSession, POST as postSession } from '../src/app/api/session/route';
import {
  callerOf,
  createSessionCookie,
  ForbiddenError,
  MissingTargetError,
  requireAdmin,
  requireUserMatching,
  resolveTarget,
  sessionCookieName,
  UnauthenticatedError,
} from '../src/server/auth';
import { firebaseAuth } from '../src/server/services';
import { bearer, expiredIdToken } from './support/tokens';

const cronSecret = process.env.INTEGRATIONS_CRON_SECRET ?? '';

function requestWith(headers: Record<string, string>): Request {
  return new Request('http://localhost:3000/api/anything', { headers });
}

async function sessionCookieFor(user: TestUser): Promise<string> {
  const response = await postSession(
    new Request('http://localhost:3000/api/session', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        host: 'localhost:3000',
        origin: 'http://localhost:3000',
      },
      body: JSON.stringify({ idToken: user.idToken }),
    }),
  );
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  const value = /^__session=([^;]+)/.exec(setCookie)?.[1];
  if (!value) throw new Error(`no session cookie in ${setCookie}`);
  return value;
}

describe('resolving the caller', () => {
  let user: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    [user, admin] = await Promise.all([createTestUser(), createTestUser({ claims: { admin: true } })]);
  });

  it('is nobody without a credential', async () => {
    expect(await callerOf(requestWith({}))).toBeNull();
  });

  it('reads a user and an admin from their ID tokens', async () => {
    expect(await callerOf(requestWith(bearer(user.idToken)))).toEqual({
      kind: 'user',
      uid: user.uid,
      email: user.email,
    });
    expect(await callerOf(requestWith(bearer(admin.idToken)))).toMatchObject({
      kind: 'admin',
      uid: admin.uid,
    });
  });

  it.each([
    ['a non-Bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }, /Bearer <Firebase ID token>/],
    ['a token that is no JWT', { authorization: 'Bearer not-a-token' }, /Bearer <Firebase ID token>/],
    ['a JWT-shaped forgery', bearer('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'), /ID token is not valid/],
  ])('refuses %s with 401', async (_label, headers, message) => {
    const error = await callerOf(requestWith(headers)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses an expired ID token with 401, saying it expired', async () => {
    const error = await callerOf(requestWith(bearer(expiredIdToken(user.uid)))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as Error).message).toMatch(/expired/);
  });

  it('accepts the right cron key and refuses a wrong one', async () => {
    expect(await callerOf(requestWith({ 'x-cron-key': cronSecret }))).toEqual({ kind: 'cron' });
    const error = await callerOf(requestWith({ 'x-cron-key': `${cronSecret}x` })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
  });

  it('reads the caller from a session cookie made by POST /api/session', async () => {
    const cookie = await sessionCookieFor(admin);
    expect(await callerOf(requestWith({ cookie: `other=1; ${sessionCookieName}=${cookie}` }))).toMatchObject({
      kind: 'admin',
      uid: admin.uid,
    });
    const tampered = await callerOf(requestWith({ cookie: `${sessionCookieName}=${cookie}x` })).catch(
      (e: unknown) => e,
    );
    expect(tampered).toBeInstanceOf(UnauthenticatedError);
  });
});

describe('POST /api/session and DELETE /api/session', () => {
  it('refuses a cross-site request and a form body', async () => {
    const user = await createTestUser();
    const crossSite = await postSession(
      new Request('http://localhost:3000/api/session', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          host: 'localhost:3000',
          origin: 'https://evil.example',
        },
        body: JSON.stringify({ idToken: user.idToken }),
      }),
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
    const form = await postSession(
      new Request('http://localhost:3000/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost:3000' },
        body: `idToken=${user.idToken}`,
      }),
    );
    expect(form.status).toBe(403);
    expect(await form.json()).toEqual({
      error: { code: 'forbidden', message: 'send the body as JSON (Content-Type: application/json)' },
    });
  });

  it('answers 400 naming idToken when it is missing, 401 when it is expired', async () => {
    const user = await createTestUser();
    const post = (body: unknown) =>
      postSession(
        new Request('http://localhost:3000/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json', host: 'localhost:3000' },
          body: JSON.stringify(body),
        }),
      );
    const missing = await post({});
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/^idToken: required/);
    const expired = await post({ idToken: expiredIdToken(user.uid) });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.message).toMatch(/expired/);
  });

  it('starts a session only from a recent sign-in', async () => {
    const user = await createTestUser();
    // Ten minutes after this sign-in, its (still valid) ID token no longer starts a 5-day session.
    const later = new Date(Date.now() + 10 * 60_000);
    const stale = await createSessionCookie(firebaseAuth(), user.idToken, later).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(UnauthenticatedError);
    expect((stale as Error).message).toMatch(/sign in again to start a session/);
    expect(await createSessionCookie(firebaseAuth(), user.idToken)).toMatch(/\./);
  });

  it('clears the cookie on DELETE', async () => {
    const response = await deleteSession(
      new Request('http://localhost:3000/api/session', {
        method: 'DELETE',
        headers: { host: 'localhost:3000' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^__session=; Path=\/; Max-Age=0/);
  });
});

describe('signing out (DELETE /api/session)', () => {
  it('signs out everywhere: a copied session cookie stops working', async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user);
    // Firebase compares revocation with the sign-in time in whole seconds (a token from the same
    // second as the revocation stays valid), so sign out only once the sign-in's second has passed.
    const { auth_time: signedInAt } = await firebaseAuth().verifySessionCookie(cookie);
    await waitFor(() => Math.floor(Date.now() / 1000) > signedInAt, {
      what: 'the second after the sign-in',
      timeoutMs: 3000,
    });
    const copy = requestWith({ cookie: `${sessionCookieName}=${cookie}` });
    expect(await callerOf(copy)).toMatchObject({ kind: 'user', uid: user.uid });

    const response = await deleteSession(
      new Request('http://localhost:3000/api/session', {
        method: 'DELETE',
        headers: { host: 'localhost:3000', cookie: `${sessionCookieName}=${cookie}` },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^__session=; Path=\/; Max-Age=0/);

    const afterwards = await callerOf(copy).catch((e: unknown) => e);
    expect(afterwards).toBeInstanceOf(UnauthenticatedError);
    expect((afterwards as Error).message).toBe('the session cookie was revoked: sign in again');
  });

  it('only clears the cookie when the request carries no valid credential', async () => {
    const response = await deleteSession(
      new Request('http://localhost:3000/api/session', {
        method: 'DELETE',
        headers: { host: 'localhost:3000', cookie: `${sessionCookieName}=not-a-session` },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^__session=; Path=\/; Max-Age=0/);
  });
});

describe('who may act on whose data', () => {
  const alice = { kind: 'user', uid: 'alice', email: null } as const;
  const admin = { kind: 'admin', uid: 'root', email: null } as const;
  const cron = { kind: 'cron' } as const;

  it('lets users act only on themselves', () => {
    expect(requireUserMatching(alice, 'alice')).toBe(alice);
    expect(() => requireUserMatching(alice, 'bob')).toThrow(ForbiddenError);
    expect(requireUserMatching(admin, 'bob')).toBe(admin);
    expect(() => requireUserMatching(null, 'bob')).toThrow(UnauthenticatedError);
  });

  it('resolves scheduling targets', () => {
    expect(resolveTarget(alice, {})).toEqual({ kind: 'user', userId: 'alice' });
    expect(() => resolveTarget(alice, { allUsers: true })).toThrow(ForbiddenError);
    expect(() => resolveTarget(alice, { userId: 'bob' })).toThrow(ForbiddenError);
    expect(resolveTarget(cron, { allUsers: true })).toEqual({ kind: 'all-users' });
    expect(resolveTarget(cron, { userId: 'bob' })).toEqual({ kind: 'user', userId: 'bob' });
    expect(() => resolveTarget(cron, {})).toThrow(MissingTargetError);
    expect(resolveTarget(admin, {})).toEqual({ kind: 'user', userId: 'root' });
  });

  it('keeps admin-only things for admins', () => {
    expect(() => requireAdmin(alice)).toThrow(ForbiddenError);
    expect(() => requireAdmin(cron)).toThrow(ForbiddenError);
    expect(() => requireAdmin(null)).toThrow(UnauthenticatedError);
    expect(requireAdmin(admin)).toBe(admin);
  });
});
