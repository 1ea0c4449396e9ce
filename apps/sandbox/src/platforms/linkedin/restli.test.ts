import { describe, expect, it } from 'vitest';
import { enumValue, parseRestli, parseRestliQuery, RestliSyntaxError } from './restli';

describe('Rest.li 2.0 query syntax', () => {
  it('parses maps, lists and percent-encoded primitives', () => {
    expect(parseRestli('(start:(year:2026,month:1,day:2),end:(year:2026,month:1,day:31))')).toEqual({
      start: { year: '2026', month: '1', day: '2' },
      end: { year: '2026', month: '1', day: '31' },
    });
    expect(parseRestli('List(urn%3Ali%3AsponsoredAccount%3A1,urn%3Ali%3AsponsoredAccount%3A2)')).toEqual([
      'urn:li:sponsoredAccount:1',
      'urn:li:sponsoredAccount:2',
    ]);
    expect(parseRestli('(status:(values:List(ACTIVE,PAUSED)))')).toEqual({
      status: { values: ['ACTIVE', 'PAUSED'] },
    });
    expect(parseRestli('List()')).toEqual([]);
  });

  it('rejects a raw colon inside a list and unbalanced structure', () => {
    expect(() => parseRestli('List(urn:li:sponsoredAccount:1)')).toThrow(RestliSyntaxError);
    expect(() => parseRestli('(start:(year:2026)')).toThrow(RestliSyntaxError);
  });

  it('parses a whole query, leaving plain values (fields) as text and reading enum wrappers', () => {
    const params = parseRestliQuery(
      'q=analytics&pivot=(value:CAMPAIGN)&fields=dateRange,impressions&accounts=List(urn%3Ali%3AsponsoredAccount%3A9)',
    );
    expect(enumValue(params.get('pivot'))).toBe('CAMPAIGN');
    expect(params.get('fields')).toBe('dateRange,impressions');
    expect(params.get('accounts')).toEqual(['urn:li:sponsoredAccount:9']);
  });
});
