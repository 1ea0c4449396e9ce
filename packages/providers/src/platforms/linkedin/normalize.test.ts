import { type AdAccount, NormalizedMetricRecordSchema } from '@cohorts/core/contract';
import { describe, expect, it } from 'vitest';
import { adAccounts, analytics, campaigns, creatives } from '../../../test/fixtures/linkedin';
import { LinkedInConversionMappingSchema } from '../../conversion-mapping';
import { analyticsMetricFields, mergeAnalyticsElements, splitAnalyticsFields } from './analytics-fields';
import { linkedInAdAccount, linkedInCreativesByCampaign, normalizeLinkedInAnalytics } from './normalize';
import { linkedInDaysPerRequest } from './reporting';
import {
  LinkedInAdAccountsPageSchema,
  LinkedInAnalyticsSchema,
  LinkedInCampaignsPageSchema,
  LinkedInCreativesPageSchema,
} from './schemas';

const account: AdAccount = {
  id: '507000001',
  name: 'Acme EMEA',
  currencyCode: 'EUR',
  timeZone: 'UTC',
  status: 'active',
  isManager: false,
  loginCustomerId: null,
};
const mapping = LinkedInConversionMappingSchema.parse({});

describe('LinkedIn normalization', () => {
  const elements = LinkedInAnalyticsSchema.parse(analytics).elements;
  const campaignMap = new Map(
    LinkedInCampaignsPageSchema.parse(campaigns).elements.map((c) => [String(c.id), c]),
  );
  const creativeMap = linkedInCreativesByCampaign(LinkedInCreativesPageSchema.parse(creatives).elements);
  const records = normalizeLinkedInAnalytics(elements, account, mapping, campaignMap, creativeMap);

  it('dates records by their UTC bucket and says so', () => {
    expect(records.map((r) => [r.date, r.timeZone])).toEqual([
      ['2026-01-02', 'UTC'],
      ['2026-01-02', 'UTC'],
      ['2026-01-03', 'UTC'],
    ]);
    expect(records[0]?.conversionMapping).toBe(
      'conversions=externalWebsiteConversions; revenue=conversionValueInLocalCurrency; dates=UTC',
    );
  });

  it('parses decimal-string money exactly; empty or missing value is null revenue', () => {
    expect(records[0]).toMatchObject({
      spend: 209.449,
      impressions: 19090,
      clicks: 100,
      conversions: 3,
      revenue: 450.5,
      currencyCode: 'EUR',
      campaign: { id: '1111', name: 'Website conversions', objective: 'WEBSITE_CONVERSION' },
    });
    expect(records[1]).toMatchObject({ spend: 12.1, conversions: 0, revenue: null });
    expect(records[2]).toMatchObject({
      spend: 0,
      impressions: 7,
      clicks: 0,
      revenue: null,
      campaign: { id: '3333', name: '' },
    });
    for (const record of records) expect(() => NormalizedMetricRecordSchema.parse(record)).not.toThrow();
  });

  it('attaches creatives and maps accounts', () => {
    expect(records[0]?.creatives).toEqual([{ id: '9001', name: 'Creative 9001', type: 'post' }]);
    expect(records[1]?.creatives).toEqual([
      { id: '9002', name: 'Try it free', type: 'text', url: 'https://example.com/try' },
    ]);
    const accounts = LinkedInAdAccountsPageSchema.parse(adAccounts).elements.map(linkedInAdAccount);
    expect(accounts).toEqual([
      expect.objectContaining({ id: '507000001', currencyCode: 'EUR', timeZone: 'UTC', status: 'active' }),
      expect.objectContaining({ id: '507000002', status: 'closed' }),
    ]);
  });
});

describe('LinkedIn adAnalytics limits', () => {
  it('keeps every request within 20 fields, dateRange and pivotValues in each', () => {
    const fields = Array.from({ length: 30 }, (_, i) => `metric${i}`);
    const groups = splitAnalyticsFields(fields, 20);
    expect(groups.map((g) => g.length)).toEqual([20, 14]);
    for (const group of groups) expect(group.slice(0, 2)).toEqual(['dateRange', 'pivotValues']);
    expect(groups.flatMap((g) => g.slice(2))).toEqual(fields);
    expect(splitAnalyticsFields(analyticsMetricFields(mapping), 20)).toHaveLength(1);
  });

  it('joins partial answers on day and campaign', () => {
    const day = { start: { year: 2026, month: 1, day: 2 } };
    const merged = mergeAnalyticsElements([
      [{ dateRange: day, pivotValues: ['urn:li:sponsoredCampaign:1'], impressions: 5 }],
      [
        { dateRange: day, pivotValues: ['urn:li:sponsoredCampaign:1'], clicks: 2 },
        { dateRange: day, pivotValues: ['urn:li:sponsoredCampaign:2'], clicks: 1 },
      ],
    ]);
    expect(merged).toEqual([
      { dateRange: day, pivotValues: ['urn:li:sponsoredCampaign:1'], impressions: 5, clicks: 2 },
      { dateRange: day, pivotValues: ['urn:li:sponsoredCampaign:2'], clicks: 1 },
    ]);
  });

  it('sizes date chunks so days x campaigns stays under 15,000 elements', () => {
    expect(linkedInDaysPerRequest(0)).toBe(15_000);
    expect(linkedInDaysPerRequest(100)).toBe(150);
    expect(linkedInDaysPerRequest(400)).toBe(37);
    expect(linkedInDaysPerRequest(20_000)).toBe(1);
  });
});
