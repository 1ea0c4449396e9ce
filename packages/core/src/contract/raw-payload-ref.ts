import { z } from 'zod';
import { providerIds } from './provider-ids';

const rawPayloadKeyPattern = new RegExp(
  `^(?!\\.+/)[\\w.-]+/(${providerIds.join('|')})/[\\w.-]+-\\d+\\.json$`,
);

/**
 * Where a day's raw platform responses are kept: the raw payload store's opaque key,
 * `{userId}/{providerId}/{jobId}-{attempt}.json`, relative to the store's root. It reaches clients
 * with the metrics, so it never holds a server path or a bucket. Documents written before it was a
 * key hold `file:///<root>/<key>` or `gs://<bucket>/<key>`: only the key is kept from those.
 */
export const RawPayloadRefSchema = z
  .string()
  .transform((ref) => (ref.includes('://') ? ref.split('/').slice(-3).join('/') : ref))
  .pipe(
    z.string().regex(rawPayloadKeyPattern, {
      error: 'must be a raw payload key such as {userId}/{providerId}/{jobId}-{attempt}.json',
    }),
  );
