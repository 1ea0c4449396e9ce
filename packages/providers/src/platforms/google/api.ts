import type { z } from 'zod';
import type { CredentialContext } from '../../connector';
import type { ProviderResponse } from '../../http/http-client';
import { type PlatformDeps, redactorFor, requireApp } from '../shared/platform-deps';
import { googleConfig } from './config';
import { classifyGoogleAdsError } from './errors';

export interface GoogleCall {
  credential: CredentialContext;
  label: string;
  /** The manager account to act through (`login-customer-id`), when not accessed directly. */
  loginCustomerId?: string | null;
  accountId?: string;
  signal?: AbortSignal;
}

/** Every Google Ads API request: bearer token, developer token, optional login-customer-id. */
export async function googleAdsRequest<T>(
  deps: PlatformDeps,
  call: GoogleCall,
  request: { method: 'GET' | 'POST'; path: string; json?: unknown; schema: z.ZodType<T> },
): Promise<ProviderResponse<T>> {
  const app = requireApp('google', deps.app);
  const { tokens } = call.credential;
  return deps.http.send({
    providerId: 'google',
    credentialId: call.credential.credentialId,
    label: call.label,
    method: request.method,
    url: `${googleConfig.apiBaseUrl}/${request.path}`,
    headers: {
      authorization: `Bearer ${tokens.accessToken}`,
      ...(app.developerToken && { 'developer-token': app.developerToken }),
      ...(call.loginCustomerId && { 'login-customer-id': call.loginCustomerId }),
    },
    ...(request.json !== undefined && { json: request.json }),
    schema: request.schema,
    classify: classifyGoogleAdsError,
    redactor: redactorFor(app, tokens.accessToken, tokens.refreshToken),
    ...(call.accountId !== undefined && { accountId: call.accountId }),
    signal: call.signal ?? call.credential.signal,
  });
}

/** `customers/{id}/googleAds:searchStream` with one GAQL query. */
export function searchStream<T>(
  deps: PlatformDeps,
  call: GoogleCall & { customerId: string },
  query: string,
  schema: z.ZodType<T>,
): Promise<ProviderResponse<T>> {
  return googleAdsRequest(deps, call, {
    method: 'POST',
    path: `customers/${call.customerId}/googleAds:searchStream`,
    json: { query },
    schema,
  });
}
