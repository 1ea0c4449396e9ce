import { describe, expect, it } from 'vitest';
import { appWithUsers } from './support/app-with-users';

/** Inputs the bad-input fuzz (test/fuzz) found answered with a 500 or without naming the field. */
const web = appWithUsers({
  users: { admin: 'admin' },
});

const trpcInput = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

describe('user ids that are no Firestore document id', () => {
  it.each([
    ['a/b', 'must not contain "/"'],
    ['..', 'must not be "." or ".."'],
    ['__name__', 'must not start and end with "__"'],
    ['ab\uD800', 'must be well-formed Unicode'],
  ])('%j is a 400 naming userId, not a 500 from Firestore', async (userId, problem) => {
    const trpc = await web.app.fetch(`/api/trpc/integrations.status?${trpcInput({ userId })}`, {
      token: web.admin.idToken,
    });
    expect(trpc.status).toBe(400);
    expect(((await trpc.json()) as { error: { message: string } }).error.message).toContain(
      `userId: ${problem}`,
    );
    const rest = await web.app.postJson(
      `/api/integrations/manual-sync`,
      { providerId: 'google', userId },
      { token: web.admin.idToken },
    );
    expect(rest.status).toBe(400);
    expect(((await rest.json()) as { error: { message: string } }).error.message).toContain(
      `userId: ${problem}`,
    );
  });
});

describe('tRPC input that is no JSON', () => {
  it('names input when the input parameter is not JSON', async () => {
    const response = await web.app.fetch('/api/trpc/integrations.list?input=%7Buser', {
      token: web.admin.idToken,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'input: is not valid JSON',
    );
  });

  it('answers a form body with 415 and what to send', async () => {
    for (const contentType of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await web.app.fetch('/api/trpc/integrations.manualSync', {
        method: 'POST',
        token: web.admin.idToken,
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
