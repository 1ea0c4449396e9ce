/**
 * Where the browser may land after an OAuth link. `returnTo` is resolved the way a browser resolves
 * a `Location` header, against the app's own base URL, and kept only when it stays on that origin.
 * A pattern over the raw text cannot do this: `/.//evil.example` and `/%2e//evil.example` look like
 * paths but normalise to `//evil.example`, which a browser reads as another host.
 */
export function sameSiteReturnPath(returnTo: string, appBaseUrl: string): string | null {
  // Browsers drop tabs and newlines inside URLs, so `/\t/evil.example` would become `//evil.example`;
  // other control characters are percent-encoded inside a path, and a leading one fails the `/` test.
  if (/\s/.test(returnTo) || !returnTo.startsWith('/')) return null;
  const base = new URL(appBaseUrl);
  let resolved: URL;
  try {
    resolved = new URL(returnTo, base);
  } catch {
    return null;
  }
  if (resolved.origin !== base.origin) return null;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Same origin, but sent back as a relative `Location` a path like `//host` would leave the site.
  if (path.startsWith('//') || path.startsWith('/\\')) return null;
  return path;
}

/** The landing path for `returnTo` with the outcome's parameters set; `/` when `returnTo` leaves the site. */
export function landingPath(
  returnTo: string,
  appBaseUrl: string,
  params: Readonly<Record<string, string>>,
): string {
  const url = new URL(sameSiteReturnPath(returnTo, appBaseUrl) ?? '/', appBaseUrl);
  for (const key of ['linked', 'linkError', 'provider', 'pick']) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}
