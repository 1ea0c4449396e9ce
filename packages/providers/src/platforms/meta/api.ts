import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { CredentialContext } from '../../connector';
import type { ProviderResponse } from '../../http/http-client';
import { withQuery } from '../../http/transport-url';
import { type PlatformDeps, redactorFor, requireApp } from '../shared/platform-deps';
import { metaConfig } from './config';
import { classifyMetaError } from './errors';
import { metaUsageWaitMs } from './usage-headers';

export interface MetaCall {
  credential: CredentialContext;
  label: string;
  accountId?: string;
  signal?: AbortSignal;
}

/**
 * Every Graph request: the token as a bearer header (kept out of URLs), `appsecret_proof` (HMAC of the
 * token with the app secret, required by apps with "Require App Secret"), usage headers honoured.
 */
export function graphRequest<T>(
  deps: PlatformDeps,
  call: MetaCall,
  request: {
    method?: 'GET' | 'DELETE';
    path: string;
    query?: Record<string, string | number | undefined>;
    schema: z.ZodType<T>;
  },
): Promise<ProviderResponse<T>> {
  const app = requireApp('facebook', deps.app);
  const { accessToken } = call.credential.tokens;
  const proof = createHmac('sha256', app.clientSecret).update(accessToken).digest('hex');
  return deps.http.send({
    providerId: 'facebook',
    credentialId: call.credential.credentialId,
    label: call.label,
    method: request.method ?? 'GET',
    url: withQuery(`${metaConfig.graphBaseUrl}/${request.path}`, {
      ...request.query,
      appsecret_proof: proof,
    }),
    headers: { authorization: `Bearer ${accessToken}` },
    schema: request.schema,
    classify: classifyMetaError,
    pauseHintMs: metaUsageWaitMs,
    redactor: redactorFor(app, accessToken, proof),
    ...(call.accountId !== undefined && { accountId: call.accountId }),
    signal: call.signal ?? call.credential.signal,
  });
}

/**
 * Follows cursor paging (`paging.cursors.after` while `paging.next` is present). The next request is
 * rebuilt from the cursor rather than fetched from `paging.next`, so no URL from a response body is
 * ever requested and no token travels in a query string.
 */
export interface GraphPage<Row> {
  data: Row[];
  paging?: { cursors?: { after?: string | undefined } | undefined; next?: string | undefined } | undefined;
}

export async function graphPages<Row>(
  deps: PlatformDeps,
  call: MetaCall,
  request: { path: string; query: Record<string, string | number>; schema: z.ZodType<GraphPage<Row>> },
  onPage?: (page: ProviderResponse<GraphPage<Row>>) => void,
): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | undefined;
  for (let page = 1; ; page++) {
    const response = await graphRequest(
      deps,
      { ...call, label: page === 1 ? call.label : `${call.label} page ${page}` },
      {
        path: request.path,
        query: { ...request.query, ...(after && { after }) },
        schema: request.schema,
      },
    );
    rows.push(...response.data.data);
    onPage?.(response);
    const next = response.data.paging?.next ? response.data.paging.cursors?.after : undefined;
    if (!next || next === after) return rows;
    after = next;
  }
}
