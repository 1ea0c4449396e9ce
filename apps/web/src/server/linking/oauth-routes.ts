import 'server-only';
import {
  type ProviderSlug,
  ProviderSlugSchema,
  providerIdForSlug,
  providerSlugs,
  ReturnToSchema,
} from '@cohorts/core';
import type { LinkErrorCode } from '../../shared/link-outcomes';
import { callerOf } from '../auth';
import { isSignedIn } from '../auth/caller';
import { readCookie } from '../auth/credentials';
import { errorResponse, isAuthError } from '../auth/errors';
import { webEnv } from '../env';
import { TooManyRequestsError } from '../errors';
import { badRequest } from '../http/request';
import { InputError } from '../http/validation';
import { clock } from '../services';
import { takeLinkStart } from '../user-limits';
import { completeLink } from './complete-link';
import { landingPath } from './return-to';
import { ProviderNotConfiguredError, startLink } from './start-link';

/** Binds a started link to the browser that started it (HttpOnly; rides the redirect back, SameSite=Lax). */
function bindingCookieName(slug: ProviderSlug): string {
  return `__oauth_${slug}`;
}

function bindingCookie(slug: ProviderSlug, value: string, maxAgeSeconds: number): string {
  return [
    `${bindingCookieName(slug)}=${value}`,
    `Path=/api/integrations/${slug}/oauth`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(webEnv().NODE_ENV === 'production' ? ['Secure'] : []),
  ].join('; ');
}

function unknownSlug(slug: string): Response {
  return errorResponse(
    404,
    'not_found',
    `unknown platform "${slug}" in the URL: use one of ${providerSlugs.join(', ')}`,
  );
}

/** A browser navigating here wants a page, not JSON: send it back to the dashboard with the reason. */
function wantsPage(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html');
}

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 302, headers });
}

/** `returnTo` with the outcome's parameters added, or `/` when `returnTo` would leave the site. */
function landing(returnTo: string, params: Record<string, string>): string {
  return landingPath(returnTo, webEnv().APP_BASE_URL, params);
}

/**
 * Every refusal lands on the app's own page, never on the state's `returnTo`: a state that reached
 * the wrong browser (or was denied) must not double as a redirect of the sender's choosing.
 */
function failure(slug: ProviderSlug, code: LinkErrorCode): string {
  return landing('/', { linkError: code, provider: slug });
}

/** `GET /api/integrations/{slug}/oauth/start[?returnTo=/path]`: 302 to the platform's consent page. */
export async function oauthStart(request: Request, rawSlug: string): Promise<Response> {
  const slug = ProviderSlugSchema.safeParse(rawSlug);
  if (!slug.success) return unknownSlug(rawSlug);
  let caller: Awaited<ReturnType<typeof callerOf>>;
  try {
    caller = await callerOf(request);
  } catch (error) {
    if (!isAuthError(error)) throw error;
    if (wantsPage(request)) return redirect(failure(slug.data, 'sign-in-required'));
    return errorResponse(error.status, error.code, error.message);
  }
  if (!caller || !isSignedIn(caller)) {
    if (wantsPage(request)) return redirect(failure(slug.data, 'sign-in-required'));
    return caller
      ? errorResponse(403, 'forbidden', 'linking needs a signed-in user; the cron key cannot link accounts')
      : errorResponse(
          401,
          'unauthenticated',
          'sign in first: send "Authorization: Bearer <Firebase ID token>" or a session cookie',
        );
  }
  const rawReturnTo = new URL(request.url).searchParams.get('returnTo');
  let returnTo: string | undefined;
  if (rawReturnTo !== null) {
    const parsed = ReturnToSchema.safeParse(rawReturnTo);
    if (!parsed.success)
      return badRequest([{ field: 'returnTo', problem: 'must be a path on this site, such as /' }]);
    returnTo = parsed.data;
  }
  try {
    await takeLinkStart(caller.uid);
    const now = clock().now();
    const started = await startLink(caller.uid, providerIdForSlug(slug.data), { returnTo, now });
    const maxAge = Math.floor((started.expiresAt.getTime() - now.getTime()) / 1000);
    return redirect(started.url, [bindingCookie(slug.data, started.nonce, maxAge)]);
  } catch (error) {
    if (error instanceof InputError) return badRequest(error.problems);
    if (error instanceof TooManyRequestsError) {
      if (wantsPage(request)) return redirect(failure(slug.data, 'too-many-starts'));
      return errorResponse(429, 'too_many_requests', error.message, {
        'retry-after': String(error.retryAfterSeconds),
      });
    }
    if (!(error instanceof ProviderNotConfiguredError)) throw error;
    if (wantsPage(request)) return redirect(failure(slug.data, 'not-configured'));
    return errorResponse(409, 'conflict', error.message);
  }
}

/**
 * `GET /api/integrations/{slug}/oauth/callback`: where the platform sends the browser back. Always
 * answers with a redirect to the dashboard: `?linked=<slug>` (`&pick=1` when the accounts are to be
 * chosen before the first sync) or `?linkError=<code>&provider=<slug>`.
 */
export async function oauthCallback(request: Request, rawSlug: string): Promise<Response> {
  const slug = ProviderSlugSchema.safeParse(rawSlug);
  if (!slug.success) return unknownSlug(rawSlug);
  const clearBinding = bindingCookie(slug.data, '', 0);
  let signedInUid: string | null = null;
  try {
    const caller = await callerOf(request);
    if (caller && isSignedIn(caller)) signedInUid = caller.uid;
  } catch (error) {
    // A stale session cookie is not fatal here: the browser may still hold the link's own cookie.
    if (!isAuthError(error)) throw error;
  }
  const bindingNonce = readCookie(request.headers.get('cookie'), bindingCookieName(slug.data));
  try {
    const outcome = await completeLink(providerIdForSlug(slug.data), new URL(request.url).searchParams, {
      signedInUid,
      bindingNonce,
    });
    if (outcome.ok) {
      // `pick=1`: the dashboard opens the account picker; the backfill starts with the choice.
      const params: Record<string, string> = { linked: slug.data };
      if (outcome.awaitingAccountChoice) params.pick = '1';
      return redirect(landing(outcome.returnTo, params), [clearBinding]);
    }
    return redirect(failure(slug.data, outcome.code), [clearBinding]);
  } catch (error) {
    console.error(`OAuth callback for ${slug.data} failed`, error);
    return redirect(failure(slug.data, 'storage-error'), [clearBinding]);
  }
}
