import { describe, expect, it } from 'vitest';
import { adIntegrationPath, adMetricsDocId, adMetricsPath, parseAdMetricsDocId, syncJobPath } from './paths';

describe('paths', () => {
  it('builds the contract paths', () => {
    expect(adMetricsDocId('2025-10-31', 'google')).toBe('2025-10-31_google');
    expect(adMetricsPath('u1', '2025-10-31', 'facebook')).toBe('users/u1/adMetrics/2025-10-31_facebook');
    expect(adIntegrationPath('u1', 'tiktok')).toBe('users/u1/adIntegrations/tiktok');
    expect(syncJobPath('u1', 'j1')).toBe('users/u1/syncJobs/j1');
  });

  it('parses metrics document ids back', () => {
    expect(parseAdMetricsDocId('2025-10-31_linkedin')).toEqual({
      date: '2025-10-31',
      providerId: 'linkedin',
    });
    expect(parseAdMetricsDocId('garbage')).toBeNull();
  });
});
