import type { Reply } from '../http/types';
import type { RouteContext } from '../platforms/platform';
import { oauthErrorPage } from './consent';
import type { PendingAuthorization } from './grants';

/** What every platform's authorize request carries, once checked. */
export type AuthorizationRequest = Pick<PendingAuthorization, 'clientId' | 'redirectUri' | 'state'>;

/** How one platform names its app id parameter and words the two refusals every platform has. */
interface AuthorizationChecks {
  clientIdParam: 'client_id' | 'app_id';
  missingClientId: string;
  badRedirectUri: string;
}

/**
 * The checks every authorize page starts with: the app's id is there, and `redirect_uri` is an absolute
 * http(s) URL (the sandbox has no registered list to check against). A refusal is the platform's error
 * page, not a redirect: the redirect may be the problem.
 */
export function readAuthorizationRequest(
  context: RouteContext,
  platformName: string,
  checks: AuthorizationChecks,
): { request: AuthorizationRequest } | { refused: Reply } {
  const q = context.request.query;
  const clientId = q.get(checks.clientIdParam);
  if (!clientId) return { refused: oauthErrorPage(platformName, 'invalid_request', checks.missingClientId) };
  const redirectUri = q.get('redirect_uri');
  if (!isRedirectUri(redirectUri))
    return { refused: oauthErrorPage(platformName, 'invalid_request', checks.badRedirectUri) };
  return { request: { clientId, redirectUri, state: q.get('state') } };
}

function isRedirectUri(value: string | null): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
