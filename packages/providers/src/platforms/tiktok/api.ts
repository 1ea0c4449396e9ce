import type { z } from 'zod';
import type { CredentialContext } from '../../connector';
import type { ProviderResponse } from '../../http/http-client';
import { withQuery } from '../../http/transport-url';
import { type PlatformDeps, redactorFor } from '../shared/platform-deps';
import { tiktokConfig } from './config';
import { classifyTikTokError } from './errors';

export interface TikTokCall {
  credential: CredentialContext;
  label: string;
  accountId?: string;
  signal?: AbortSignal;
}

/** A query value: arrays and objects are sent JSON-encoded, as the API expects. */
export type TikTokParam = string | number | boolean | readonly unknown[];

function encodeParams(params: Record<string, TikTokParam | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      value === undefined ? undefined : typeof value === 'object' ? JSON.stringify(value) : String(value),
    ]),
  );
}

/** Every Marketing API request: the `Access-Token` header (not Bearer); paths end with a slash. */
export function tiktokGet<T>(
  deps: PlatformDeps,
  call: TikTokCall,
  request: { path: string; params: Record<string, TikTokParam | undefined>; schema: z.ZodType<T> },
): Promise<ProviderResponse<T>> {
  const { tokens } = call.credential;
  return deps.http.send({
    providerId: 'tiktok',
    credentialId: call.credential.credentialId,
    label: call.label,
    url: withQuery(`${tiktokConfig.apiBaseUrl}/${request.path}`, encodeParams(request.params)),
    headers: { 'access-token': tokens.accessToken },
    schema: request.schema,
    classify: classifyTikTokError,
    redactor: redactorFor(deps.app, tokens.accessToken),
    ...(call.accountId !== undefined && { accountId: call.accountId }),
    signal: call.signal ?? call.credential.signal,
  });
}

/** Follows `page_info` paging (`page` up to `total_page`). */
export async function tiktokPages<Row>(
  deps: PlatformDeps,
  call: TikTokCall,
  request: {
    path: string;
    params: Record<string, TikTokParam | undefined>;
    schema: z.ZodType<{ data: { list: Row[]; page_info: { page: number; total_page: number } } }>;
  },
  onPage?: (raw: unknown) => void,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 1; ; page++) {
    const response = await tiktokGet(
      deps,
      { ...call, label: page === 1 ? call.label : `${call.label} page ${page}` },
      {
        ...request,
        params: { ...request.params, page, page_size: tiktokConfig.pageSize },
      },
    );
    rows.push(...response.data.data.list);
    onPage?.(response.raw);
    if (page >= response.data.data.page_info.total_page) return rows;
  }
}
