import { type ProviderId, providerDisplayNames } from '@cohorts/core/contract';
import { z } from 'zod';
import type { PlatformResponse } from '../../http/http-client';
import { ProviderError } from '../../http/provider-error';

const OAuth2ErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/**
 * RFC 6749 §5.2 token-endpoint errors (Google, LinkedIn): `invalid_grant` means the code or refresh
 * token is dead, so the user must reconnect; client errors are our configuration; 5xx are transient.
 */
export function classifyOAuth2TokenError(
  providerId: ProviderId,
  response: PlatformResponse,
): ProviderError | null {
  if (response.status >= 200 && response.status < 300) return null;
  const name = providerDisplayNames[providerId];
  const parsed = OAuth2ErrorSchema.safeParse(response.json);
  if (response.status >= 500) {
    return new ProviderError({
      providerId,
      kind: 'transient',
      httpStatus: response.status,
      message: `${name} sign-in service had a temporary problem (HTTP ${response.status}).`,
    });
  }
  if (!parsed.success) return null;
  const { error, error_description: description = '' } = parsed.data;
  const base = { providerId, httpStatus: response.status, platformCode: error };
  // LinkedIn reports a dead refresh token as invalid_request ("... invalid, expired or revoked").
  const deadGrant = error === 'invalid_request' && /expired|revoked/i.test(description);
  switch (deadGrant ? 'invalid_grant' : error) {
    case 'invalid_grant':
      return new ProviderError({
        ...base,
        kind: 'auth',
        message: `${name} says the authorization has expired or was revoked: reconnect ${name}.`,
      });
    case 'invalid_client':
    case 'unauthorized_client':
      return new ProviderError({
        ...base,
        kind: 'permanent',
        message: `${name} rejected this server's OAuth app (client id or secret): check its configuration.`,
      });
    case 'temporarily_unavailable':
      return new ProviderError({
        ...base,
        kind: 'transient',
        message: `${name} sign-in is temporarily unavailable.`,
      });
    default:
      return new ProviderError({
        ...base,
        kind: 'permanent',
        message: `${name} refused the sign-in request (${error}).`,
      });
  }
}
