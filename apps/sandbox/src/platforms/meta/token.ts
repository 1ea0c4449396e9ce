import { formFields, header, type SandboxRequest } from '../../http/types';

/** Graph takes the token as `access_token` (query or form body) or as an `Authorization: Bearer|OAuth` header. */
export function metaAccessToken(request: SandboxRequest): string | undefined {
  const fromQuery = request.query.get('access_token');
  if (fromQuery) return fromQuery;
  if (request.method !== 'GET') {
    const fromBody = formFields(request).get('access_token');
    if (fromBody) return fromBody;
  }
  return /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header(request, 'authorization') ?? '')?.[1];
}
