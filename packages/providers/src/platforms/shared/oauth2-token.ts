import type { ProviderId } from '@cohorts/core/contract';
import type { z } from 'zod';
import { ProviderError } from '../../http/provider-error';
import { classifyOAuth2TokenError } from './oauth2-errors';
import { type PlatformDeps, redactorFor, requireApp } from './platform-deps';

/** What is traded at a standard OAuth 2 token endpoint: a callback's code, or a refresh token. */
export type OAuth2Grant =
  | { type: 'authorization_code'; code: string; codeVerifier?: string | undefined }
  | { type: 'refresh_token'; refreshToken: string; accessToken: string };

interface OAuth2TokenEndpoint<Token> {
  providerId: ProviderId;
  url: string;
  schema: z.ZodType<Token>;
}

/**
 * One call to a platform's RFC 6749 token endpoint (Google, LinkedIn): the form with the app's id and
 * secret, errors read as OAuth 2 errors, the code and tokens kept out of logs. A code is single-use, so
 * its exchange is never resent; a refresh is retried like any request.
 */
export async function oauth2TokenRequest<Token>(
  deps: PlatformDeps,
  endpoint: OAuth2TokenEndpoint<Token>,
  grant: OAuth2Grant,
  call: { credentialId: string; signal?: AbortSignal | undefined },
): Promise<Token> {
  const app = requireApp(endpoint.providerId, deps.app);
  const client = { client_id: app.clientId, client_secret: app.clientSecret };
  const exchange = grant.type === 'authorization_code';
  const form: Record<string, string> = exchange
    ? {
        grant_type: grant.type,
        code: grant.code,
        ...client,
        redirect_uri: app.redirectUri,
        ...(grant.codeVerifier && { code_verifier: grant.codeVerifier }),
      }
    : { grant_type: grant.type, refresh_token: grant.refreshToken, ...client };
  const response = await deps.http.send({
    providerId: endpoint.providerId,
    credentialId: call.credentialId,
    label: exchange ? 'code exchange' : 'token refresh',
    method: 'POST',
    url: endpoint.url,
    form,
    schema: endpoint.schema,
    classify: (res) => classifyOAuth2TokenError(endpoint.providerId, res),
    redactor: exchange
      ? redactorFor(deps.app, grant.code, grant.codeVerifier)
      : redactorFor(deps.app, grant.refreshToken, grant.accessToken),
    ...(exchange ? { maxAttempts: 1 } : {}),
    signal: call.signal,
  });
  return response.data;
}

/**
 * For revoke calls: a token the platform already refuses (an auth error, or `deadCode` where the
 * platform says so otherwise) is as good as revoked.
 */
export function ignoreDeadToken(error: unknown, deadCode?: string): void {
  if (
    error instanceof ProviderError &&
    (error.kind === 'auth' || (deadCode !== undefined && error.platformCode === deadCode))
  )
    return;
  throw error;
}
