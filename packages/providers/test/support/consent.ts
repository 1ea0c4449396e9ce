/**
 * Drives an OAuth consent page over HTTP as a browser would: follows redirects and submits the
 * page's form (its hidden fields plus the approving button) until the sandbox redirects to our
 * `redirect_uri`; returns that redirect's query (code/auth_code and state).
 */
export async function approveConsent(
  authorizeUrl: string,
  redirectUri: string,
  /** Field values to choose instead of the page's defaults (e.g. `{ login: 'ben@...' }`). */
  choices: Record<string, string> = {},
): Promise<URLSearchParams> {
  let url = authorizeUrl;
  let init: RequestInit = { method: 'GET' };
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { ...init, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri)) return next.searchParams;
      url = next.href;
      init = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    if (!response.ok) throw new Error(`consent page answered HTTP ${response.status}: ${html.slice(0, 300)}`);
    const form = readForm(html, choices);
    if (!form) throw new Error(`consent page has no form to submit: ${html.slice(0, 300)}`);
    const target = new URL(form.action || url, url);
    if (form.method === 'GET') {
      for (const [name, value] of form.fields) target.searchParams.set(name, value);
      url = target.href;
      init = { method: 'GET' };
    } else {
      url = target.href;
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form.fields).toString(),
      };
    }
  }
  throw new Error('consent did not reach the redirect URI within 10 hops');
}

interface ConsentForm {
  action: string;
  method: 'GET' | 'POST';
  fields: Array<[string, string]>;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match?.[2] ?? match?.[3] ?? match?.[4];
  return value === undefined ? undefined : decodeEntities(value);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The first form: its inputs, selects (first or selected option) and the first button that does not deny. */
function readForm(html: string, choices: Record<string, string>): ConsentForm | undefined {
  const formMatch = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!formMatch) return undefined;
  const [, formTag = '', body = ''] = formMatch;
  const fields: Array<[string, string]> = [];
  let approve: [string, string] | undefined;
  for (const [tag] of body.matchAll(/<(input|button)\b[^>]*>/gi)) {
    const name = attribute(tag, 'name');
    if (!name) continue;
    const type = (
      attribute(tag, 'type') ?? (tag.toLowerCase().startsWith('<button') ? 'submit' : 'text')
    ).toLowerCase();
    const value = attribute(tag, 'value') ?? '';
    if (type === 'submit') {
      if (!approve && !/deny|cancel|reject/i.test(`${name} ${value}`)) approve = [name, value];
      continue;
    }
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/i.test(tag)) continue;
    fields.push([name, value]);
  }
  for (const [, selectTag = '', options = ''] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const name = attribute(selectTag, 'name');
    if (!name) continue;
    const all = [...options.matchAll(/<option\b[^>]*>/gi)].map(([tag]) => tag);
    const chosen = all.find((tag) => /\bselected\b/i.test(tag)) ?? all[0];
    const value = chosen === undefined ? undefined : attribute(chosen, 'value');
    if (value !== undefined) fields.push([name, value]);
  }
  for (const [name, value] of Object.entries(choices)) {
    const index = fields.findIndex(([field]) => field === name);
    if (index >= 0) fields[index] = [name, value];
    else fields.push([name, value]);
  }
  if (approve) fields.push(approve);
  return {
    action: attribute(formTag, 'action') ?? '',
    method: (attribute(formTag, 'method') ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET',
    fields,
  };
}
