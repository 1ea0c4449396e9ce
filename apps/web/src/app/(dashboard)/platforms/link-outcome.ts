import {
  type ProviderId,
  ProviderSlugSchema,
  providerDisplayNames,
  providerIdForSlug,
} from '@cohorts/core/contract';
import { isLinkErrorCode, linkErrorMessages } from '@/shared/link-outcomes';

export type Banner = { kind: 'ok' | 'error'; text: string };

function providerOf(slug: string | null): ProviderId | null {
  const parsed = ProviderSlugSchema.safeParse(slug);
  return parsed.success ? providerIdForSlug(parsed.data) : null;
}

/**
 * The OAuth callback's outcome (`?linked=<slug>[&pick=1]` or `?linkError=<code>&provider=<slug>`) as a
 * sentence of ours, and the platform whose account picker opens. Only known codes and slugs are read
 * from the URL, so a crafted link cannot put words of its choosing on the page.
 */
export function linkOutcomeFromUrl(params: URLSearchParams): {
  banner: Banner | null;
  pick: ProviderId | null;
} {
  const linked = providerOf(params.get('linked'));
  if (linked) {
    const pick = params.get('pick') === '1';
    const name = providerDisplayNames[linked];
    return {
      banner: {
        kind: 'ok',
        text: pick
          ? `${name} is linked. Choose the ad accounts to sync; the 90-day backfill starts with your choice.`
          : `${name} is linked. Its 90-day backfill is under way.`,
      },
      pick: pick ? linked : null,
    };
  }
  const code = params.get('linkError');
  if (code === null) return { banner: null, pick: null };
  const provider = providerOf(params.get('provider'));
  const reason = isLinkErrorCode(code) ? linkErrorMessages[code] : 'Linking did not complete; start again.';
  return {
    banner: {
      kind: 'error',
      text: `${provider ? providerDisplayNames[provider] : 'The platform'}: ${reason}`,
    },
    pick: null,
  };
}

/** The outcome's parameters, to take out of the address once read (a reload does not repeat them). */
export const linkOutcomeParams = ['linked', 'linkError', 'provider', 'pick'] as const;
