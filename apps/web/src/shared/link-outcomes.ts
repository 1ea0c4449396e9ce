/**
 * How an OAuth link ended, as the callback tells the dashboard (`/?linked=<slug>` or
 * `/?linkError=<code>&provider=<slug>`). Codes travel in the URL; the sentences live here, so a
 * crafted link cannot make the dashboard show words of an attacker's choosing.
 */
const linkErrorCodes = [
  'denied',
  'state-missing',
  'state-invalid',
  'state-expired',
  'state-used',
  'wrong-user',
  'missing-code',
  'platform-error',
  'not-configured',
  'sign-in-required',
  'storage-error',
  'too-many-starts',
] as const;
export type LinkErrorCode = (typeof linkErrorCodes)[number];

export const linkErrorMessages: Record<LinkErrorCode, string> = {
  denied: 'You declined access on the platform, so nothing was linked.',
  'state-missing':
    'The platform came back without the sign-in reference we sent. Nothing was linked; start again.',
  'state-invalid':
    'The sign-in reference that came back was altered or was not issued by this app. Nothing was linked; start again.',
  'state-expired': 'The sign-in took longer than 10 minutes. Nothing was linked; start again.',
  'state-used': 'This sign-in link was already used. Nothing more was linked; start again if you need to.',
  'wrong-user':
    'This sign-in was started by a different user of this app. Nothing was linked; sign in as that user or start again.',
  'missing-code': 'The platform did not send an authorization code. Nothing was linked; start again.',
  'platform-error': 'The platform refused or failed the sign-in. Nothing was linked; try again in a moment.',
  'not-configured': 'This platform is not configured on this server yet.',
  'sign-in-required': 'Sign in first, then link the platform.',
  'storage-error': 'The link could not be saved. Nothing was linked; try again in a moment.',
  'too-many-starts':
    'Too many platform links were started in the last minute. Nothing was started; try again in a minute.',
};

export function isLinkErrorCode(value: string | null): value is LinkErrorCode {
  return value !== null && (linkErrorCodes as readonly string[]).includes(value);
}
