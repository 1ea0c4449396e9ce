import { findLogin, fixtures } from '../data/fixtures';
import type { SandboxLogin, SandboxProvider } from '../data/model';
import { escapeHtml, formFields, htmlReply, type Reply, redirectReply } from '../http/types';
import type { OpenRoute, RouteContext } from '../platforms/platform';
import type { AuthorizationCode, PendingAuthorization } from './grants';

/** The path (below the platform host) the consent form posts its decision to. */
const CONSENT_DECISION_PATH = '/sandbox/consent';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:15px system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}
button{font:inherit;padding:.4rem 1rem;margin-right:.5rem}code{background:#eee;padding:0 .2rem}</style>
</head><body>${body}</body></html>`;

/** The platform's "something is wrong with this request" page (no redirect: the redirect may be the problem). */
export function oauthErrorPage(platformName: string, error: string, description: string): Reply {
  return htmlReply(
    400,
    page(
      `${platformName} sandbox: ${error}`,
      `<h1>Error 400: ${escapeHtml(error)}</h1><p>${escapeHtml(description)}</p>`,
    ),
  );
}

/** A validated authorization request; only Google's carries a PKCE challenge. */
type ConsentRequest = Omit<
  PendingAuthorization,
  'id' | 'createdAt' | 'codeChallenge' | 'codeChallengeMethod'
> &
  Partial<Pick<PendingAuthorization, 'codeChallenge' | 'codeChallengeMethod'>>;

/** Shows the consent page for a validated authorization request and remembers the request. */
export function consentPage(context: RouteContext, platformName: string, request: ConsentRequest): Reply {
  const pending = context.state.grants.addPending({
    codeChallenge: null,
    codeChallengeMethod: null,
    ...request,
    createdAt: context.now,
  });
  const logins = fixtures[request.provider].logins;
  const options = logins
    .map(
      (login) =>
        `<option value="${escapeHtml(login.id)}">${escapeHtml(login.name)} (${escapeHtml(login.email)})</option>`,
    )
    .join('');
  const scopes = request.scopes.length
    ? request.scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')
    : 'the app’s permissions';
  return htmlReply(
    200,
    page(
      `${platformName} sandbox: sign in`,
      `<h1>${escapeHtml(platformName)} (sandbox)</h1>
<p>The app <code>${escapeHtml(request.clientId)}</code> asks for ${scopes}.</p>
<form method="POST" action="/${escapeHtml(context.request.host)}${CONSENT_DECISION_PATH}">
<input type="hidden" name="request" value="${escapeHtml(pending.id)}">
<p><label>Sign in as <select name="login">${options}</select></label></p>
<p><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></p>
</form>`,
    ),
  );
}

/** How one platform ends the flow: its code format, code lifetime and callback parameters. */
export interface ConsentOutcome {
  provider: SandboxProvider;
  platformName: string;
  newCode(): string;
  codeLifetimeMs: number;
  allowParams(code: AuthorizationCode): Array<[string, string]>;
  denyParams(pending: PendingAuthorization): Array<[string, string]>;
  /** Meta appends `#_=_` to its redirects. */
  fragment?: string;
}

function callbackUrl(redirectUri: string, params: Array<[string, string]>, fragment = ''): string {
  const url = new URL(redirectUri);
  for (const [key, value] of params) url.searchParams.set(key, value);
  return `${url.toString()}${fragment}`;
}

/** The consent form's target: Allow issues a single-use code, Deny sends the platform's denial. */
export function consentDecisionRoute(host: string, outcome: ConsentOutcome): OpenRoute {
  return {
    method: 'POST',
    host,
    path: new RegExp(`^${CONSENT_DECISION_PATH}$`),
    kind: 'page',
    handle(context) {
      const fields = formFields(context.request);
      const pending = context.state.grants.takePending(fields.get('request') ?? '', context.now);
      if (!pending || pending.provider !== outcome.provider) {
        return oauthErrorPage(
          outcome.platformName,
          'invalid_request',
          'This sign-in request is unknown, expired or was already answered: start again.',
        );
      }
      const decision = fields.get('decision');
      if (decision === 'deny')
        return redirectReply(callbackUrl(pending.redirectUri, outcome.denyParams(pending), outcome.fragment));
      if (decision !== 'allow') {
        return oauthErrorPage(outcome.platformName, 'invalid_request', 'decision must be "allow" or "deny".');
      }
      const login: SandboxLogin | undefined = findLogin(outcome.provider, fields.get('login') ?? '');
      if (!login)
        return oauthErrorPage(
          outcome.platformName,
          'invalid_request',
          'login must be one of the sandbox logins.',
        );
      const code = context.state.grants.issueCode(
        pending,
        login.id,
        outcome.newCode(),
        context.now + outcome.codeLifetimeMs,
      );
      return redirectReply(callbackUrl(pending.redirectUri, outcome.allowParams(code), outcome.fragment));
    },
  };
}

/** `state` goes back exactly as it came, and only when it came. */
export function stateParam(state: string | null): Array<[string, string]> {
  return state === null ? [] : [['state', state]];
}
