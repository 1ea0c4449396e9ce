import type { ProviderId } from '@cohorts/core/contract';
import { providerDisplayNames } from '@cohorts/core/contract';
import { ProviderError } from './provider-error';

/**
 * The fallback when a platform's own error body says nothing we recognise: the HTTP status decides.
 */
export function classifyHttpStatus(
  providerId: ProviderId,
  status: number,
  label: string,
  retryAfterMs?: number,
): ProviderError {
  const name = providerDisplayNames[providerId];
  const base = { providerId, httpStatus: status, platformCode: `HTTP_${status}` };
  if (status === 401) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      message: `${name} rejected the credentials (${label}).`,
    });
  }
  if (status === 429) {
    return new ProviderError({
      ...base,
      kind: 'rate-limited',
      message: `${name} is rate limiting requests (${label}).`,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }
  if (status === 408 || status >= 500) {
    return new ProviderError({
      ...base,
      kind: 'transient',
      message: `${name} had a temporary problem (HTTP ${status}, ${label}).`,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }
  return new ProviderError({
    ...base,
    kind: 'permanent',
    message: `${name} refused the request (HTTP ${status}, ${label}).`,
  });
}
