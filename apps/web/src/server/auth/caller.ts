/**
 * Who is calling. A signed-in person (`user`, or `admin` when their token carries the custom claim
 * `admin: true`), or automation holding the cron key (`cron`), which acts for whichever user its
 * request names.
 */
export type Caller =
  | { kind: 'user'; uid: string; email: string | null }
  | { kind: 'admin'; uid: string; email: string | null }
  | { kind: 'cron' };

export type SignedInCaller = Extract<Caller, { kind: 'user' | 'admin' }>;

export function isSignedIn(caller: Caller): caller is SignedInCaller {
  return caller.kind === 'user' || caller.kind === 'admin';
}
