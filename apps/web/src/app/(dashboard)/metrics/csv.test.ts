import { providerDisplayNames } from '@cohorts/core/contract';
import { describe, expect, it } from 'vitest';
import { campaignsCsv, csvField, toCsv } from './csv';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Brand, US')).toBe('"Brand, US"');
    expect(csvField('The "Big" Sale')).toBe('"The ""Big"" Sale"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes CRLF rows with a header', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('exports campaigns with raw numbers and their currency', () => {
    const csv = campaignsCsv(
      [
        {
          providerId: 'facebook',
          accountId: 'act_1',
          accountName: 'Sakura, JP',
          campaignId: 'c1',
          name: 'Bento "Launch"',
          objective: 'OUTCOME_SALES',
          currencyCode: 'JPY',
          spend: 35000,
          impressions: 1000,
          clicks: 20,
          conversions: 2.5,
          revenue: null,
          ctr: 0.02,
          cpc: 1750,
          cpa: 14000,
          roas: null,
        },
      ],
      providerDisplayNames,
    );
    const [header, line] = csv.split('\r\n');
    expect(header).toBe(
      'Platform,Account ID,Account,Campaign ID,Campaign,Objective,Currency,Spend,Impressions,Clicks,Conversions,Revenue,CTR,CPC,CPA,ROAS',
    );
    expect(line).toBe(
      'Meta Ads,act_1,"Sakura, JP",c1,"Bento ""Launch""",OUTCOME_SALES,JPY,35000,1000,20,2.5,,0.02,1750,14000,',
    );
  });
});
