import { describe, expect, it } from 'vitest';
import { restliDateRange, restliList, restliValue, sponsoredAccountUrn, urnId } from './restli';

describe('Rest.li encoding', () => {
  it('percent-encodes URNs inside List() but keeps the structure raw', () => {
    expect(restliList([sponsoredAccountUrn('123'), sponsoredAccountUrn('456')])).toBe(
      'List(urn%3Ali%3AsponsoredAccount%3A123,urn%3Ali%3AsponsoredAccount%3A456)',
    );
    expect(restliValue("a(b),c'd")).toBe('a%28b%29%2Cc%27d');
  });

  it('writes date ranges with raw parentheses and colons', () => {
    expect(restliDateRange('2026-01-01', '2026-03-31')).toBe(
      '(start:(year:2026,month:1,day:1),end:(year:2026,month:3,day:31))',
    );
  });

  it('reads ids out of URNs', () => {
    expect(urnId('urn:li:sponsoredCampaign:1111')).toBe('1111');
  });
});
