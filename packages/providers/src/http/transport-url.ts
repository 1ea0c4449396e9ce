/**
 * Where a platform URL is actually sent. Connectors always build the real `https://{host}/{path}`
 * URL; when the sandbox is configured it serves every real host under a prefix equal to the host
 * name, so `https://graph.facebook.com/v25.0/me` becomes `{sandboxUrl}/graph.facebook.com/v25.0/me`.
 */
export function toTransportUrl(url: string, sandboxUrl: string | undefined): string {
  if (!sandboxUrl) return url;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new RangeError(`platform URLs are https: ${parsed.origin}`);
  return `${sandboxUrl.replace(/\/+$/, '')}/${parsed.host}${parsed.pathname}${parsed.search}`;
}

/** Appends query parameters (already-encoded values are the caller's business, see `rawQuery`). */
export function withQuery(url: string, params: Record<string, string | number | undefined>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) parsed.searchParams.set(key, String(value));
  }
  return parsed.toString();
}

/**
 * Builds a query string from pre-encoded parts, for APIs whose syntax a generic encoder breaks
 * (LinkedIn's Rest.li keeps `(`, `)`, `:` and `,` raw).
 */
export function rawQuery(parts: ReadonlyArray<readonly [string, string]>): string {
  return parts.map(([key, value]) => `${key}=${value}`).join('&');
}
