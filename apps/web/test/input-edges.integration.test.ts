import { createTestUser, type TestUser } from '@cohorts/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

/** Inputs the bad-input fuzz (test/fuzz) found answered with a 500 or without naming the field. */
let app: TestApp;
let admin: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  admin = await createTestUser({ claims: { admin: true } });
});

afterAll(async () => {
  await app.close();
});

const trpcInput = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

describe('user ids that are no Firestore document id', () => {
  it.each([
    ['a/b', 'must not contain "/"'],
    ['..', 'must not be "." or ".."'],
    ['__name__', 'must not start and end with "__"'],
    ['ab\uD800', 'must be well-formed Unicode'],
  ])('%j is a 400 naming userId, not a 500 from Firestore', async (userId, problem) => {
    const trpc = await app.fetch(`/api/trpc/integrations.status?${trpcInput({ userId })}`, {
      token: admin.idToken,
    });
    expect(trpc.status).toBe(400);
    expect(((await trpc.json()) as { error: { message: string } }).error.message).toContain(
      `userId: ${problem}`,
    );
    const rest = await app.fetch(`/api/integrations/manual-sync`, {
      method: 'POST',
      token: admin.idToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ providerId: 'google', userId }),
    });
    expect(rest.status).toBe(400);
    expect(((await rest.json()) as { error: { message: string } }).error.message).toContain(
      `userId: ${problem}`,
    );
  });
});

describe('tRPC input that is no JSON', () => {
  it('names input when the input parameter is not JSON', async () => {
    const response = await app.fetch('/api/trpc/integrations.list?input=%7Buser', { token: admin.idToken });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'input: is not valid JSON',
    );
  });

  it('answers a form body with 415 and what to send', async () => {
    for (const contentType of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await app.fetch('/api/trpc/integrations.manualSync', {
        method: 'POST',
        token: admin.idToken,
        headers: { 'content-type': contentType },
        body: 'providerId=google',
      });
      expect(response.status, contentType).toBe(415);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        'send the input as JSON (Content-Type: application/json)',
      );
    }
  });
});
