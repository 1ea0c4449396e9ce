/**
 * Drives a sandbox consent page the way a browser would, for tests: GET the authorize URL, read the
 * form, POST the decision, and return where the platform redirects (the app's callback URL with
 * `code`/`auth_code` and `state`, or the denial parameters).
 */
export interface ConsentChoice {
  /** A sandbox login id (its email); defaults to the first login the page offers. */
  login?: string;
  decision?: 'allow' | 'deny';
}

export class ConsentPageError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(
      `the sandbox consent page answered ${status}: ${body
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200)}`,
    );
  }
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`)
    .exec(tag)?.[1]
    ?.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

export interface ConsentForm {
  action: string;
  request: string;
  logins: string[];
}

/** Reads the consent form out of the page's HTML. */
export function parseConsentForm(html: string): ConsentForm {
  const form = /<form[^>]*>/.exec(html)?.[0] ?? '';
  const hidden = /<input[^>]*name="request"[^>]*>/.exec(html)?.[0] ?? '';
  const logins = [...html.matchAll(/<option value="([^"]*)"/g)].map((m) =>
    (m[1] ?? '').replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
  );
  const action = attribute(form, 'action');
  const request = attribute(hidden, 'value');
  if (!action || !request) throw new Error('no consent form in the page');
  return { action, request, logins };
}

/** Returns the redirect the platform answers the decision with (a URL on the app's side). */
export async function driveConsent(authorizeUrl: string, choice: ConsentChoice = {}): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new ConsentPageError(page.status, html);
  const form = parseConsentForm(html);
  const login = choice.login ?? form.logins[0] ?? '';
  const target = new URL(form.action, authorizeUrl);
  const answer = await fetch(target, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      request: form.request,
      login,
      decision: choice.decision ?? 'allow',
    }).toString(),
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new ConsentPageError(answer.status, await answer.text());
  return new URL(location);
}
