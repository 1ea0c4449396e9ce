import { describe, expect, it } from 'vitest';
import { rawQuery, toTransportUrl, withQuery } from './transport-url';

describe('transport URL', () => {
  it('leaves real URLs alone without a sandbox', () => {
    const url = 'https://graph.facebook.com/v25.0/me/adaccounts?limit=5';
    expect(toTransportUrl(url, undefined)).toBe(url);
  });

  it('serves each real host under a prefix equal to its name in the sandbox', () => {
    expect(
      toTransportUrl('https://graph.facebook.com/v25.0/me/adaccounts?limit=5', 'http://127.0.0.1:4010/'),
    ).toBe('http://127.0.0.1:4010/graph.facebook.com/v25.0/me/adaccounts?limit=5');
    expect(
      toTransportUrl(
        'https://api.linkedin.com/rest/adAnalytics?q=analytics&accounts=List(urn%3Ali%3AsponsoredAccount%3A1)',
        'http://localhost:4010',
      ),
    ).toBe(
      'http://localhost:4010/api.linkedin.com/rest/adAnalytics?q=analytics&accounts=List(urn%3Ali%3AsponsoredAccount%3A1)',
    );
  });

  it('refuses non-https platform URLs', () => {
    expect(() => toTransportUrl('http://example.com/x', 'http://127.0.0.1:1')).toThrow(RangeError);
  });

  it('adds query parameters, skipping undefined ones', () => {
    expect(withQuery('https://a.example/x?y=1', { z: 'a b', n: 2, skip: undefined })).toBe(
      'https://a.example/x?y=1&z=a+b&n=2',
    );
    expect(
      rawQuery([
        ['q', 'analytics'],
        ['accounts', 'List(a%3Ab)'],
      ]),
    ).toBe('q=analytics&accounts=List(a%3Ab)');
  });
});
