import type { z } from 'zod';
import type { CredentialContext } from '../../connector';
import type { ProviderResponse } from '../../http/http-client';
import { rawQuery } from '../../http/transport-url';
import { type PlatformDeps, redactorFor } from '../shared/platform-deps';
import { linkedInApiVersion, linkedInConfig } from './config';
import { classifyLinkedInError } from './errors';

export interface LinkedInCall {
  credential: CredentialContext;
  label: string;
  accountId?: string;
  signal?: AbortSignal;
}

/**
 * Every `/rest` request: bearer token, `LinkedIn-Version` (from the one configured place) and the
 * Rest.li 2.0 protocol header. The query is passed pre-encoded (see `restli.ts`).
 */
export function linkedInRequest<T>(
  deps: PlatformDeps,
  call: LinkedInCall,
  request: {
    path: string;
    query: ReadonlyArray<readonly [string, string]>;
    schema: z.ZodType<T>;
    finder?: boolean;
  },
): Promise<ProviderResponse<T>> {
  const { tokens } = call.credential;
  return deps.http.send({
    providerId: 'linkedin',
    credentialId: call.credential.credentialId,
    label: call.label,
    url: `${linkedInConfig.restBaseUrl}/${request.path}?${rawQuery(request.query)}`,
    headers: {
      authorization: `Bearer ${tokens.accessToken}`,
      'linkedin-version': linkedInApiVersion,
      'x-restli-protocol-version': linkedInConfig.restliProtocolVersion,
      ...(request.finder && { 'x-restli-method': 'FINDER' }),
    },
    schema: request.schema,
    classify: classifyLinkedInError,
    redactor: redactorFor(deps.app, tokens.accessToken, tokens.refreshToken),
    ...(call.accountId !== undefined && { accountId: call.accountId }),
    signal: call.signal ?? call.credential.signal,
  });
}

/** Follows `metadata.nextPageToken` paging (accounts, campaigns, creatives; not adAnalytics). */
export async function linkedInPages<Element>(
  deps: PlatformDeps,
  call: LinkedInCall,
  request: {
    path: string;
    query: ReadonlyArray<readonly [string, string]>;
    schema: z.ZodType<{ elements: Element[]; metadata?: { nextPageToken?: string | undefined } | undefined }>;
    finder?: boolean;
  },
  onPage?: (raw: unknown) => void,
): Promise<Element[]> {
  const elements: Element[] = [];
  let pageToken: string | undefined;
  for (let page = 1; ; page++) {
    const response = await linkedInRequest(
      deps,
      { ...call, label: page === 1 ? call.label : `${call.label} page ${page}` },
      {
        ...request,
        query: [
          ...request.query,
          ['pageSize', String(linkedInConfig.pageSize)],
          ...(pageToken ? [['pageToken', encodeURIComponent(pageToken)] as const] : []),
        ],
      },
    );
    elements.push(...response.data.elements);
    onPage?.(response.raw);
    const next = response.data.metadata?.nextPageToken;
    if (!next || next === pageToken) return elements;
    pageToken = next;
  }
}
