/**
 * A tiny browser for OAuth round trips over real HTTP: a cookie jar, and GETs that do not follow
 * redirects (so a test sees each hop: our start route -> the platform -> our callback -> the dashboard).
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private absorb(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, decodeURIComponent(value));
    }
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return {
      cookie: [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; '),
    };
  }

  /** GET a path (or absolute URL on the app) as a page navigation; the redirect is not followed. */
  async get(pathOrUrl: string, headers: Record<string, string> = {}): Promise<Response> {
    const url = new URL(pathOrUrl, this.baseUrl);
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { accept: 'text/html', ...this.cookieHeader(), ...headers },
    });
    this.absorb(response);
    return response;
  }

  /** Signs in as the dashboard does: the ID token is exchanged for the HttpOnly session cookie. */
  async signIn(idToken: string): Promise<void> {
    const response = await fetch(new URL('/api/session', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken }),
    });
    if (!response.ok)
      throw new Error(`POST /api/session answered ${response.status}: ${await response.text()}`);
    this.absorb(response);
  }
}

/** The Location of a redirect, or a failure that shows what came instead. */
export async function locationOf(response: Response): Promise<string> {
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(`expected a 302 redirect, got ${response.status}: ${await response.text()}`);
  }
  return location;
}
