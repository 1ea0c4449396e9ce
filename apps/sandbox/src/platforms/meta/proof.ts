import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Reply } from '../../http/types';
import type { ApiContext } from '../platform';
import { graphError } from './errors';

/**
 * `appsecret_proof` (HMAC-SHA256 of the token keyed with the app secret), checked when sent, against
 * the secret the app gave when it exchanged its code.
 */
export function checkAppSecretProof(context: ApiContext): Reply | undefined {
  const proof = context.request.query.get('appsecret_proof');
  const secret = context.grant.clientSecret;
  if (proof === null || !secret) return undefined;
  const expected = createHmac('sha256', secret).update(context.access.token).digest('hex');
  const a = Buffer.from(proof);
  const b = Buffer.from(expected);
  if (a.length === b.length && timingSafeEqual(a, b)) return undefined;
  return graphError(400, {
    message: 'Invalid appsecret_proof provided in the API argument',
    code: 100,
    type: 'GraphMethodException',
  });
}
