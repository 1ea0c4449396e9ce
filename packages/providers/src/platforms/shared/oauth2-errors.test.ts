import { describe, expect, it } from 'vitest';
import { platformResponse } from '../../../test/fixtures/responses';
import { classifyOAuth2TokenError } from './oauth2-errors';

describe('OAuth 2 token endpoint errors', () => {
  it('reads a dead code or refresh token as auth (reconnect)', () => {
    const google = { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' };
    expect(classifyOAuth2TokenError('google', platformResponse(400, google))?.kind).toBe('auth');
    const linkedin = {
      error: 'invalid_request',
      error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked.',
    };
    expect(classifyOAuth2TokenError('linkedin', platformResponse(400, linkedin))).toMatchObject({
      kind: 'auth',
      platformCode: 'invalid_request',
    });
  });

  it('blames the app configuration for client errors and retries server errors', () => {
    expect(classifyOAuth2TokenError('google', platformResponse(401, { error: 'invalid_client' }))?.kind).toBe(
      'permanent',
    );
    expect(
      classifyOAuth2TokenError('linkedin', platformResponse(400, { error: 'invalid_request' }))?.kind,
    ).toBe('permanent');
    expect(classifyOAuth2TokenError('google', platformResponse(503, 'Backend Error'))?.kind).toBe(
      'transient',
    );
    expect(classifyOAuth2TokenError('google', platformResponse(200, { access_token: 'x' }))).toBeNull();
  });
});
