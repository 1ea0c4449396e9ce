import { describe, expect, it } from 'vitest';
import { linkOutcomeFromUrl } from './link-outcome';

const outcome = (query: string) => linkOutcomeFromUrl(new URLSearchParams(query));

describe('linkOutcomeFromUrl', () => {
  it('opens the picker after a link that waits for the account choice', () => {
    expect(outcome('linked=meta&pick=1')).toEqual({
      banner: {
        kind: 'ok',
        text: 'Meta Ads is linked. Choose the ad accounts to sync; the 90-day backfill starts with your choice.',
      },
      pick: 'facebook',
    });
    expect(outcome('linked=google')).toEqual({
      banner: { kind: 'ok', text: 'Google Ads is linked. Its 90-day backfill is under way.' },
      pick: null,
    });
  });

  it('says our sentence for a known code, and never text from the URL', () => {
    expect(outcome('linkError=denied&provider=tiktok').banner).toEqual({
      kind: 'error',
      text: 'TikTok Ads: You declined access on the platform, so nothing was linked.',
    });
    const crafted = outcome('linkError=Send+your+password+to+evil.example&provider=<b>x</b>');
    expect(crafted.banner?.text).toBe('The platform: Linking did not complete; start again.');
  });

  it('ignores what is not a platform, including object keys', () => {
    expect(outcome('linked=constructor&pick=1')).toEqual({ banner: null, pick: null });
    expect(outcome('linked=__proto__')).toEqual({ banner: null, pick: null });
    expect(outcome('')).toEqual({ banner: null, pick: null });
  });
});
